/*
 * test_conf.c: the XML object model against libvirt 9.0's own output.
 *
 * Golden files in data/: <name>.in.xml is what a user defines, <name>.ok.xml
 * what `virsh -c test:///default define; dumpxml` printed for it. Error
 * cases carry the code, domain and message libvirt reported for the same
 * input. Hostile documents must fail cleanly and quickly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "conf/domain_conf.h"
#include "conf/network_conf.h"
#include "conf/storage_conf.h"
#include "util/alloc.h"
#include "util/error.h"

static const char *data_dir;

static char *
read_data(const char *name)
{
    char path[4096];
    FILE *f;
    char *buf;
    long len;

    snprintf(path, sizeof(path), "%s/%s", data_dir, name);
    f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = xmalloc((size_t)len + 1);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

/* ---- golden round trips ---- */

static void
check_domain_golden(const char *name)
{
    char in[256], ok[256];
    _cleanup_free_ char *xml = NULL, *want = NULL, *got = NULL, *again = NULL;
    DomainDef *def, *copy;

    snprintf(in, sizeof(in), "%s.in.xml", name);
    snprintf(ok, sizeof(ok), "%s.ok.xml", name);
    xml = read_data(in);
    want = read_data(ok);
    def = domain_def_parse_string(xml, DOMAIN_PARSE_INACTIVE);
    assert_non_null(def);
    assert_int_equal(domain_def_generate_ifnames(def), 0);
    got = domain_def_format(def, 0);
    assert_string_equal(got, want);
    /* what we print parses back to the same thing, except where libvirt
     * itself changes things on reload (controllers defined without an
     * index, consoles renumbered by position) */
    copy = domain_def_copy(def);
    assert_non_null(copy);
    again = domain_def_format(copy, 0);
    if (STRNEQ(name, "q5") && STRNEQ(name, "c1") && STRNEQ(name, "e4"))
        assert_string_equal(again, want);
    domain_def_free(copy);
    domain_def_free(def);
}

static void
test_domain_golden(void **state)
{
    static const char *const names[] = { "c1", "c2", "c3", "c4", "c5", "d2", "d3", "e1", "e2", "e3", "e4", "q5", "q6", "q7", "q8", "q9", "g1", "g2" };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        check_domain_golden(names[i]);
}

static void
test_domain_secure_and_inactive(void **state)
{
    _cleanup_free_ char *xml = read_data("c1.in.xml");
    _cleanup_free_ char *plain = NULL, *secure = NULL, *active = NULL, *inactive = NULL;
    DomainDef *def = domain_def_parse_string(xml, DOMAIN_PARSE_INACTIVE);

    (void)state;
    assert_non_null(def);
    plain = domain_def_format(def, 0);
    secure = domain_def_format(def, DOMAIN_FORMAT_SECURE);
    assert_null(strstr(plain, "passwd="));
    assert_non_null(strstr(secure, " passwd='secret'>"));
    def->id = 7;
    active = domain_def_format(def, 0);
    inactive = domain_def_format(def, DOMAIN_FORMAT_INACTIVE);
    assert_true(strncmp(active, "<domain type='test' id='7'>\n", 28) == 0);
    assert_true(strncmp(inactive, "<domain type='test'>\n", 21) == 0);
    domain_def_free(def);
}

static void
test_domain_defaults(void **state)
{
    const char *xml = "<domain type='test'><name>d1</name><memory>1024</memory>"
                      "<os><type>hvm</type></os></domain>";
    DomainDef *a = domain_def_parse_string(xml, DOMAIN_PARSE_INACTIVE);
    DomainDef *b = domain_def_parse_string(xml, DOMAIN_PARSE_INACTIVE);
    _cleanup_free_ char *out = NULL;
    const char *tail = "  <memory unit='KiB'>1024</memory>\n"
                       "  <currentMemory unit='KiB'>1024</currentMemory>\n"
                       "  <vcpu placement='static'>1</vcpu>\n"
                       "  <os>\n    <type arch='i686'>hvm</type>\n    <boot dev='hd'/>\n  </os>\n"
                       "  <clock offset='utc'/>\n"
                       "  <on_poweroff>destroy</on_poweroff>\n"
                       "  <on_reboot>restart</on_reboot>\n"
                       "  <on_crash>destroy</on_crash>\n"
                       "  <devices>\n  </devices>\n</domain>\n";

    (void)state;
    assert_non_null(a);
    assert_non_null(b);
    /* a UUID is generated, a fresh one each time */
    assert_memory_not_equal(a->uuid, b->uuid, VIR_UUID_BUFLEN);
    out = domain_def_format(a, 0);
    assert_non_null(strstr(out, tail));
    domain_def_free(a);
    domain_def_free(b);
}

static void
test_domain_memory_units(void **state)
{
    static const struct {
        const char *mem;
        unsigned long long kib;
    } cases[] = {
        { "<memory>1024</memory>", 1024 },
        { "<memory unit='KiB'>1024</memory>", 1024 },
        { "<memory unit='k'>1024</memory>", 1024 },
        { "<memory unit='KB'>1024</memory>", 1000 },
        { "<memory unit='MiB'>512</memory>", 524288 },
        { "<memory unit='M'>1</memory>", 1024 },
        { "<memory unit='MB'>1</memory>", 977 },
        { "<memory unit='G'>1</memory>", 1048576 },
        { "<memory unit='GiB'>2</memory>", 2097152 },
        { "<memory unit='TiB'>1</memory>", 1073741824ULL },
        { "<memory unit='b'>1048577</memory>", 1025 },
        { "<memory unit='bytes'>2048</memory>", 2 },
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        _cleanup_free_ char *xml = xasprintf("<domain type='test'><name>m</name>%s"
                                             "<os><type>hvm</type></os></domain>", cases[i].mem);
        DomainDef *def = domain_def_parse_string(xml, DOMAIN_PARSE_INACTIVE);

        assert_non_null(def);
        assert_int_equal(def->memory_kib, cases[i].kib);
        assert_int_equal(def->cur_memory_kib, cases[i].kib);
        domain_def_free(def);
    }
}

/* ---- errors, exactly as libvirt reports them ---- */

typedef struct {
    const char *xml;
    int code;
    int domain;
    const char *message;
} ErrorCase;

#define DOM(body) "<domain type='test'><name>x</name>" body "</domain>"
#define OS "<os><type>hvm</type></os>"

static const ErrorCase domain_errors[] = {
    { "<domain type='test'><name>x</name>", VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN,
      "(domain_definition):1: Premature end of data in tag domain line 1\n"
      "<domain type='test'><name>x</name>\n----------------------------------^" },
    { "<domain type='test'><memory>1024</memory>" OS "</domain>", VIR_ERR_NO_NAME,
      VIR_FROM_DOMAIN, "missing name information" },
    { "<domain type='test'><name></name><memory>1024</memory>" OS "</domain>",
      VIR_ERR_NO_NAME, VIR_FROM_DOMAIN, "missing name information" },
    { "<domain><name>x</name><memory>1024</memory>" OS "</domain>", VIR_ERR_INTERNAL_ERROR,
      VIR_FROM_DOMAIN, "internal error: missing domain type attribute" },
    { "<domain type='foo'><name>x</name><memory>1024</memory>" OS "</domain>",
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
      "unsupported configuration: invalid domain type foo" },
    { DOM("<memory>abc</memory>" OS), VIR_ERR_XML_ERROR, VIR_FROM_XML,
      "XML error: Invalid value 'abc' for element or attribute './memory[1]'" },
    { DOM("<memory>-5</memory>" OS), VIR_ERR_XML_ERROR, VIR_FROM_XML,
      "XML error: Invalid value '-5' for element or attribute './memory[1]'" },
    { DOM("<memory>0</memory>" OS), VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
      "XML error: Memory size must be specified via <memory> or in the <numa> configuration" },
    { DOM(OS), VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
      "XML error: Memory size must be specified via <memory> or in the <numa> configuration" },
    { DOM("<memory unit='XB'>10</memory>" OS), VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
      "invalid argument: unknown suffix 'XB'" },
    { "<foo type='test'><name>x</name></foo>", VIR_ERR_XML_ERROR, VIR_FROM_XML,
      "XML error: expecting root element of 'domain', not 'foo'" },
    { DOM("<memory>1024</memory>"), VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
      "XML error: an os <type> must be specified" },
    { DOM("<memory>1024</memory><os><type>foo</type></os>"), VIR_ERR_CONFIG_UNSUPPORTED,
      VIR_FROM_DOMAIN, "unsupported configuration: unknown OS type 'foo'" },
    { DOM("<memory>1024</memory><os><type arch='zzz'>hvm</type></os>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
      "unsupported configuration: Unknown architecture zzz" },
    { DOM("<memory>1024</memory><vcpu>abc</vcpu>" OS), VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
      "XML error: maximum vcpus count must be an integer" },
    { DOM("<memory>1024</memory><vcpu>0</vcpu>" OS), VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
      "internal error: CPU IDs in <numa> exceed the <vcpu> count" },
    { DOM("<memory>1024</memory><vcpu current='5'>2</vcpu>" OS), VIR_ERR_CONFIG_UNSUPPORTED,
      VIR_FROM_DOMAIN,
      "unsupported configuration: maximum vCPU count must not be less than current vCPU count" },
    { DOM("<uuid>zzz</uuid><memory>1024</memory>" OS), VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
      "internal error: malformed uuid element" },
    { DOM("<memory>1024</memory>" OS "<on_poweroff>zap</on_poweroff>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
      "unsupported configuration: unknown on_poweroff action: zap" },
    { DOM("<memory>1024</memory><vcpu placement='foo'>1</vcpu>" OS), VIR_ERR_XML_ERROR,
      VIR_FROM_XML, "XML error: Invalid value for attribute 'placement' in element 'vcpu': 'foo'." },
    { DOM("<memory>1024</memory>" OS "<clock offset='zz'/>"), VIR_ERR_CONFIG_UNSUPPORTED,
      VIR_FROM_DOMAIN, "unsupported configuration: unknown clock offset 'zz'" },
    { DOM("<memory>1024</memory><os><type>hvm</type><boot dev='zz'/></os>"), VIR_ERR_XML_ERROR,
      VIR_FROM_XML, "XML error: Invalid value for attribute 'dev' in element 'boot': 'zz'." },
    { "<domain type='test'><name>a/b</name><memory>1024</memory>" OS "</domain>",
      VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: name a/b cannot contain '/'" },
    { DOM("<memory>1024</memory>" OS "<features><foo/></features>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: unexpected feature 'foo'" },
    { DOM("<memory>1024</memory>" OS
          "<devices><disk type='file'><source file='/a'/></disk></devices>"),
      VIR_ERR_NO_TARGET, VIR_FROM_DOMAIN, "missing target information for device /a" },
    { DOM("<memory>1024</memory>" OS "<devices><disk type='zz'><target dev='vda'/></disk></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_XML,
      "XML error: Invalid value for attribute 'type' in element 'disk': 'zz'." },
    { DOM("<memory>1024</memory>" OS
          "<devices><interface type='user'><mac address='zz'/></interface></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: unable to parse mac address 'zz'" },
    { DOM("<memory>1024</memory>" OS "<devices><interface type='zz'/></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_XML,
      "XML error: Invalid value for attribute 'type' in element 'interface': 'zz'." },
    { DOM("<memory>1024</memory>" OS "<devices><interface type='network'/></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
      "XML error: interface type='network' requires a 'source' element" },
    { DOM("<memory>1024</memory>" OS "<devices><interface type='bridge'/></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
      "XML error: interface type='bridge' requires a 'source' element" },
    { DOM("<memory>1024</memory>" OS "<devices><input type='zz'/></devices>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: unknown input device type 'zz'" },
    { DOM("<memory>1024</memory>" OS "<devices><input/></devices>"), VIR_ERR_INTERNAL_ERROR,
      VIR_FROM_DOMAIN, "internal error: missing input device type" },
    { DOM("<memory>1024</memory>" OS "<devices><video><model type='zz'/></video></devices>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: unknown video model 'zz'" },
    { DOM("<memory>1024</memory>" OS "<devices><video><model type='vga' vram='abc'/></video></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: cannot parse video vram 'abc'" },
    { DOM("<memory>1024</memory>" OS "<devices><serial type='zz'/></devices>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
      "unsupported configuration: unknown type presented to host for character device: zz" },
    { DOM("<memory>1024</memory>" OS "<devices><disk type='file'><source file='/a'/>"
          "<target dev='vda'/><address type='pci' slot='0x40'/></disk></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_NONE, "XML error: Invalid PCI address slot='0x40', must be <= 0x1F" },
    { DOM("<memory>1024</memory>" OS "<devices><disk type='file'><source file='/a'/>"
          "<target dev='foo'/></disk></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Unknown disk name 'foo' and no address specified" },
    { DOM("<memory>1024</memory>" OS "<on_reboot>coredump-destroy</on_reboot>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
      "unsupported configuration: Lifecycle event 'reboot' doesn't support 'coredump-destroy' action" },
    { DOM("<memory>1024</memory>" OS "<clock offset='timezone'/>"), VIR_ERR_INTERNAL_ERROR,
      VIR_FROM_DOMAIN, "internal error: missing 'timezone' attribute for clock with offset='timezone'" },
    { DOM("<memory>1024</memory>" OS "<devices><console type='pty'><target type='virtio'/></console>"
          "<console type='pty'><target type='serial'/></console></devices>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
      "unsupported configuration: Only the first console can be a serial port" },
    { DOM("<memory>1024</memory>" OS "<devices><interface type='network'><source/></interface></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_XML, "XML error: Missing required attribute 'network' in element 'source'" },
    { DOM("<memory>1024</memory>" OS "<devices><controller type='zz'/></devices>"),
      VIR_ERR_XML_ERROR, VIR_FROM_XML,
      "XML error: Invalid value for attribute 'type' in element 'controller': 'zz'." },
    { DOM("<memory>1024</memory>" OS "<devices><controller type='pci' model='zz'/></devices>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Unknown model type 'zz'" },
    { DOM("<memory>1024</memory>" OS "<devices><console type='pty'/><console type='pty'/></devices>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
      "unsupported configuration: Only the first console can be a serial port" },
    { DOM("<memory>1024</memory><vcpu cpuset='abc'>2</vcpu>" OS), VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
      "invalid argument: Failed to parse bitmap 'abc'" },
    { DOM("<memory>1024</memory><vcpu cpuset='^1'>2</vcpu>" OS), VIR_ERR_CONFIG_UNSUPPORTED,
      VIR_FROM_DOMAIN, "unsupported configuration: Invalid value of 'cpuset': ^1" },
    { DOM("<memory>1024</memory><os><type>hvm</type><boot dev='hd'/></os><devices><disk type='file'>"
          "<source file='/a'/><target dev='vda'/><boot order='1'/></disk></devices>"),
      VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
      "unsupported configuration: per-device boot elements cannot be used together with os/boot elements" },
};

static void
check_error(const char *what, int code, int domain, const char *message)
{
    virErrorPtr err = vir_error_current();

    if (!err || err->code != code || err->domain != domain || STRNEQ(err->message, message))
        fail_msg("%s: got code %d domain %d '%s', want %d %d '%s'", what, err ? err->code : -1,
                 err ? err->domain : -1, err && err->message ? err->message : "(none)", code,
                 domain, message);
}

static void
test_domain_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(domain_errors); i++) {
        const ErrorCase *c = &domain_errors[i];

        virResetLastError();
        assert_null(domain_def_parse_string(c->xml, DOMAIN_PARSE_INACTIVE));
        check_error(c->xml, c->code, c->domain, c->message);
    }
}

static void
test_empty_document(void **state)
{
    (void)state;
    virResetLastError();
    assert_null(domain_def_parse_string("", DOMAIN_PARSE_INACTIVE));
    check_error("empty", VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN,
                "(domain_definition):1: Document is empty\n(null)\n^");
}

static const ErrorCase network_errors[] = {
    { "<network/>", VIR_ERR_NO_NAME, VIR_FROM_NETWORK, "missing name information" },
    { "<netw/>", VIR_ERR_XML_ERROR, VIR_FROM_XML,
      "XML error: expecting root element of 'network', not 'netw'" },
    { "<network>", VIR_ERR_XML_DETAIL, VIR_FROM_NETWORK,
      "(network_definition):1: Premature end of data in tag network line 1\n<network>\n---------^" },
    { "<network><name>x</name><uuid>q</uuid></network>", VIR_ERR_INTERNAL_ERROR,
      VIR_FROM_NETWORK, "internal error: malformed uuid element" },
    { "<network><name>x</name><forward mode='zz'/></network>", VIR_ERR_CONFIG_UNSUPPORTED,
      VIR_FROM_NETWORK, "unsupported configuration: unknown forwarding type 'zz'" },
    { "<network><name>x</name><forward mode='nat'/></network>", VIR_ERR_XML_ERROR,
      VIR_FROM_NETWORK,
      "XML error: nat forwarding requested, but no IP address provided for network 'x'" },
    { "<network><name>x</name><forward mode='route'><nat/></forward></network>", VIR_ERR_XML_ERROR,
      VIR_FROM_NETWORK,
      "XML error: The <nat> element can only be used when <forward> 'mode' is 'nat' in network x" },
    { "<network><name>x</name><forward mode='passthrough'/><bridge name='b'/></network>",
      VIR_ERR_XML_ERROR, VIR_FROM_NETWORK,
      "XML error: bridge name not allowed in passthrough mode (network 'x')" },
    { "<network><name>x</name><forward mode='bridge'/><bridge name='b' stp='on'/></network>",
      VIR_ERR_XML_ERROR, VIR_FROM_NETWORK,
      "XML error: bridge delay/stp/zone options only allowed in route, nat, and isolated mode, "
      "not in bridge (network 'x')" },
    { "<network><name>x</name><bridge delay='x'/></network>", VIR_ERR_XML_ERROR, VIR_FROM_NETWORK,
      "XML error: Invalid delay value in network 'x'" },
    { "<network><name>x</name><mac address='01:00:00:00:00:00'/></network>", VIR_ERR_XML_ERROR,
      VIR_FROM_NETWORK,
      "XML error: Invalid multicast bridge mac address '01:00:00:00:00:00' in network 'x'" },
};

static void
test_network_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(network_errors); i++) {
        virResetLastError();
        assert_null(network_def_parse_string(network_errors[i].xml));
        check_error(network_errors[i].xml, network_errors[i].code, network_errors[i].domain,
                    network_errors[i].message);
    }
}

static void
test_network_golden(void **state)
{
    static const char *const names[] = { "net-n2", "net-n3", "net-n4", "net-n5" };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        char in[64], ok[64];
        _cleanup_free_ char *xml = NULL, *want = NULL, *got = NULL;
        NetworkDef *def;

        snprintf(in, sizeof(in), "%s.in.xml", names[i]);
        snprintf(ok, sizeof(ok), "%s.ok.xml", names[i]);
        xml = read_data(in);
        want = read_data(ok);
        assert_non_null(def = network_def_parse_string(xml));
        got = network_def_format(def);
        assert_string_equal(got, want);
        network_def_free(def);
    }
}

static void
test_pool_golden(void **state)
{
    static const char *const names[] = { "pool-p2", "pool-p3" };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        char in[64], ok[64];
        _cleanup_free_ char *xml = NULL, *want = NULL, *got = NULL;
        StoragePoolDef *def;

        snprintf(in, sizeof(in), "%s.in.xml", names[i]);
        snprintf(ok, sizeof(ok), "%s.ok.xml", names[i]);
        xml = read_data(in);
        want = read_data(ok);
        assert_non_null(def = storage_pool_def_parse_string(xml));
        /* the test driver gives every pool its fixed 100 GiB */
        def->capacity = def->available = 107374182400ULL;
        got = storage_pool_def_format(def);
        assert_string_equal(got, want);
        storage_pool_def_free(def);
    }
}

static void
test_volume(void **state)
{
    StoragePoolDef *pool = storage_pool_def_parse_string(
        "<pool type='dir'><name>p</name><target><path>/default-pool</path></target></pool>");
    StorageVolDef *vol;
    _cleanup_free_ char *got = NULL;
    const char *want = "<volume type='file'>\n"
                       "  <name>vol1.img</name>\n"
                       "  <key>/default-pool/vol1.img</key>\n"
                       "  <capacity unit='bytes'>10485760</capacity>\n"
                       "  <allocation unit='bytes'>10485760</allocation>\n"
                       "  <target>\n"
                       "    <path>/default-pool/vol1.img</path>\n"
                       "    <format type='raw'/>\n"
                       "  </target>\n"
                       "</volume>\n";

    (void)state;
    assert_non_null(pool);
    vol = storage_vol_def_parse_string(
        pool, "<volume><name>vol1.img</name><capacity unit='M'>10</capacity></volume>");
    assert_non_null(vol);
    vol->target_path = xstrdup("/default-pool/vol1.img");
    vol->key = xstrdup(vol->target_path);
    got = storage_vol_def_format(vol);
    assert_string_equal(got, want);
    storage_vol_def_free(vol);
    virResetLastError();
    assert_null(storage_vol_def_parse_string(pool, "<volume><capacity>1</capacity></volume>"));
    check_error("vol noname", VIR_ERR_XML_ERROR, VIR_FROM_STORAGE,
                "XML error: missing volume name element");
    assert_null(storage_vol_def_parse_string(pool, "<volume><name>v</name></volume>"));
    check_error("vol nocap", VIR_ERR_XML_ERROR, VIR_FROM_STORAGE,
                "XML error: missing capacity element");
    assert_null(storage_vol_def_parse_string(pool, "<volume><name>v</name><capacity>-1</capacity></volume>"));
    check_error("vol badcap", VIR_ERR_XML_ERROR, VIR_FROM_STORAGE,
                "XML error: malformed capacity element");
    assert_null(storage_pool_def_parse_string("<pool><name>p</name></pool>"));
    check_error("pool notype", VIR_ERR_XML_ERROR, VIR_FROM_XML,
                "XML error: Missing required attribute 'type' in element 'pool'");
    assert_null(storage_pool_def_parse_string("<pool type='zz'><name>p</name></pool>"));
    check_error("pool badtype", VIR_ERR_XML_ERROR, VIR_FROM_XML,
                "XML error: Invalid value for attribute 'type' in element 'pool': 'zz'.");
    storage_pool_def_free(pool);
}

/* ---- hostile documents ---- */

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
expect_refused_quickly(const char *what, const char *xml)
{
    double start = now();
    DomainDef *def;

    virResetLastError();
    def = domain_def_parse_string(xml, DOMAIN_PARSE_INACTIVE);
    if (def) {
        /* accepted: then nothing may have been expanded or fetched */
        _cleanup_free_ char *out = domain_def_format(def, 0);
        assert_true(strlen(out) < 4096 || def->ncontrollers + def->nnets + def->nserials > 1000);
        domain_def_free(def);
    } else {
        assert_true(vir_error_is_set());
    }
    if (now() - start > 2.0)
        fail_msg("%s took %.1fs", what, now() - start);
}

static void
test_hostile(void **state)
{
    const char *laughs =
        "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'lollollollollollol'>"
        "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>"
        "<!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'><!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>"
        "<!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'><!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>"
        "<!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'><!ENTITY i '&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;'>]>"
        "<domain type='test'><name>&i;</name><description>&i;&i;&i;</description>"
        "<memory>1024</memory><os><type>hvm</type></os></domain>";
    const char *xxe =
        "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
        "<domain type='test'><name>n</name><description>&x;</description>"
        "<memory>1024</memory><os><type>hvm</type></os></domain>";
    const char *net_xxe =
        "<!DOCTYPE d [<!ENTITY x SYSTEM 'http://127.0.0.1:1/x'>]>"
        "<domain type='test'><name>&x;</name><memory>1024</memory><os><type>hvm</type></os></domain>";
    _cleanup_free_ char *huge_attr = NULL, *deep = NULL, *too_big = NULL;
    VireoBuf buf = VIREO_BUF_INIT;
    DomainDef *def;

    (void)state;
    expect_refused_quickly("billion laughs", laughs);
    expect_refused_quickly("external entity", xxe);
    expect_refused_quickly("network entity", net_xxe);

    /* a 3 MiB attribute value is accepted (under the cap) but not mangled */
    buf_add(&buf, "<domain type='test'><name>h</name><title x='");
    for (int i = 0; i < 3 * 1024 * 1024; i++)
        buf_add_char(&buf, 'a');
    buf_add(&buf, "'/><memory>1024</memory><os><type>hvm</type></os></domain>");
    huge_attr = buf_steal(&buf);
    def = domain_def_parse_string(huge_attr, DOMAIN_PARSE_INACTIVE);
    assert_non_null(def);
    domain_def_free(def);

    /* over the size cap: refused before parsing */
    too_big = xmalloc(CONF_XML_MAX_LEN + 64);
    memset(too_big, ' ', CONF_XML_MAX_LEN + 63);
    memcpy(too_big, "<domain>", 8);
    too_big[CONF_XML_MAX_LEN + 63] = '\0';
    virResetLastError();
    assert_null(domain_def_parse_string(too_big, DOMAIN_PARSE_INACTIVE));
    assert_int_equal(vir_error_current()->code, VIR_ERR_XML_ERROR);

    /* deep nesting: libxml2's depth limit refuses it */
    for (int i = 0; i < 100000; i++)
        buf_add(&buf, "<a>");
    deep = buf_steal(&buf);
    expect_refused_quickly("deep nesting", deep);

    /* many devices: bounded, and what is accepted is processed quickly */
    {
        static const char *const kinds[] = { "<controller type='usb'/>",
                                             "<interface type='user'/>", "<serial type='pty'/>" };
        for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
            for (int n = 4000; n <= 5000; n += 1000) {
                _cleanup_free_ char *xml = NULL;
                buf_add(&buf, "<domain type='test'><name>many</name><memory>1024</memory>"
                              "<os><type>hvm</type></os><devices>");
                for (int i = 0; i < n; i++)
                    buf_add(&buf, kinds[k]);
                buf_add(&buf, "</devices></domain>");
                xml = buf_steal(&buf);
                expect_refused_quickly(kinds[k], xml);
            }
        }
    }

    /* not UTF-8 */
    virResetLastError();
    assert_null(domain_def_parse_string("<domain type='test'><name>\xff\xfe</name>"
                                        "<memory>1024</memory><os><type>hvm</type></os></domain>",
                                        DOMAIN_PARSE_INACTIVE));
    assert_int_equal(vir_error_current()->code, VIR_ERR_XML_DETAIL);
    assert_int_equal(vir_error_current()->domain, VIR_FROM_DOMAIN);
}

/* Entities never expand: the name from a declared entity stays empty, so
 * the definition is refused for having no name. */
static void
test_entities_not_expanded(void **state)
{
    const char *xml = "<!DOCTYPE d [<!ENTITY x 'yy'>]><domain type='test'><name>&x;</name>"
                      "<memory>1024</memory><os><type>hvm</type></os></domain>";

    (void)state;
    virResetLastError();
    assert_null(domain_def_parse_string(xml, DOMAIN_PARSE_INACTIVE));
    assert_int_equal(vir_error_current()->code, VIR_ERR_NO_NAME);
}

/* Mutates the golden inputs (byte flips, cuts, inserted XML fragments)
 * with a fixed seed: every mutant must be refused with an error or accepted
 * with output that reloads to itself; none may crash or leak (run under
 * ASan in `make check-asan`). */
static void
test_mutations(void **state)
{
    static const char *const seeds[] = { "c1", "c2", "c3", "c4", "c5", "d2", "d3", "e1", "e2",
                                         "e3", "e4", "g1", "q6" };
    static const char *const frags[] = {
        "<", ">", "/>", "'", "\"", "&amp;", "&#0;", "<disk type='file'><target dev='sda'/></disk>",
        "<console/>", "<serial/>", "<video/>", "<graphics type='vnc'/>", " id='3'",
        "<controller type='ide' index='9'/>", "<address type='drive' controller='99999'/>",
        "<boot order='1'/>", "unit='T'", "9999999999999", "-1", "0x", "<![CDATA[x]]>", "\xff",
    };
    unsigned int rng = 12345;
    int accepted = 0;

    (void)state;
    for (int it = 0; it < 3000; it++) {
        char name[32];
        _cleanup_free_ char *in = NULL;
        size_t n;
        DomainDef *def;

        snprintf(name, sizeof(name), "%s.in.xml", seeds[(rng = rng * 1103515245 + 12345) % ARRAY_SIZE(seeds)]);
        in = read_data(name);
        n = strlen(in);
        in = xrealloc(in, n + 4096);
        for (int m = 0; m < 1 + (int)((rng >> 4) % 2); m++) {
            size_t pos;
            rng = rng * 1103515245 + 12345;
            pos = n ? (rng >> 8) % n : 0;
            if (rng % 3 == 0 && n) {
                in[pos] = (char)(32 + (rng >> 16) % 95);
            } else if (rng % 3 == 1 && n) {
                size_t l = (rng >> 20) % 16;
                if (pos + l > n)
                    l = n - pos;
                memmove(in + pos, in + pos + l, n - pos - l + 1);
                n -= l;
            } else {
                const char *f = frags[(rng >> 12) % ARRAY_SIZE(frags)];
                size_t l = strlen(f);
                memmove(in + pos + l, in + pos, n - pos + 1);
                memcpy(in + pos, f, l);
                n += l;
            }
        }
        virResetLastError();
        if (!(def = domain_def_parse_string(in, DOMAIN_PARSE_INACTIVE))) {
            assert_true(vir_error_is_set());
            continue;
        }
        accepted++;
        {
            DomainDef *once = domain_def_copy(def), *twice;
            _cleanup_free_ char *a = NULL, *b = NULL;

            assert_non_null(once);
            twice = domain_def_copy(once);
            assert_non_null(twice);
            a = domain_def_format(once, DOMAIN_FORMAT_SECURE);
            b = domain_def_format(twice, DOMAIN_FORMAT_SECURE);
            assert_string_equal(a, b);
            domain_def_free(once);
            domain_def_free(twice);
        }
        domain_def_free(def);
    }
    if (accepted < 100)
        fail_msg("only %d of 3000 mutants parsed", accepted);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_golden),
        cmocka_unit_test(test_domain_secure_and_inactive),
        cmocka_unit_test(test_domain_defaults),
        cmocka_unit_test(test_domain_memory_units),
        cmocka_unit_test(test_domain_errors),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_network_errors),
        cmocka_unit_test(test_network_golden),
        cmocka_unit_test(test_pool_golden),
        cmocka_unit_test(test_volume),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_entities_not_expanded),
        cmocka_unit_test(test_mutations),
    };

    data_dir = argc > 1 ? argv[1] : "data";
    return cmocka_run_group_tests(tests, NULL, NULL);
}
