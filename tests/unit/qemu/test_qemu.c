/*
 * test_qemu.c: unit tests of the QEMU driver's pure parts: domain XML with
 * libvirt's defaults and the qemu command line (golden files in data/;
 * VIREO_REGEN=1 rewrites them), the refusals, the bounded JSON reader fed
 * hostile input, the QMP client against a scripted fake qemu, and the
 * atomic file writer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "drivers/qemu/qemu_conf.h"
#include "drivers/qemu/qemu_json.h"
#include "drivers/qemu/qemu_monitor.h"
#include "drivers/qemu/qemu_private.h"
#include "util/alloc.h"
#include "util/error.h"

static const char *data_dir;

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf;
    long n;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = xcalloc(1, (size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return buf;
}

static void
check_golden(const char *name, const char *suffix, const char *actual)
{
    _cleanup_free_ char *path = xasprintf("%s/%s%s", data_dir, name, suffix);
    _cleanup_free_ char *expected = NULL;

    if (getenv("VIREO_REGEN")) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(actual, f);
        fclose(f);
    }
    expected = slurp(path);
    if (!expected || strcmp(expected, actual) != 0)
        fprintf(stderr, "%s differs; got:\n%s\n", path, actual);
    assert_non_null(expected);
    assert_string_equal(expected, actual);
}

static const QemuConfCaps test_caps = {
    .emulator = "/usr/bin/qemu-system-x86_64",
    .pc_canonical = "pc-i440fx-7.2",
    .machines = NULL,
    .kvm_usable = false,
};

static QemuDef *
parse_file(const char *name)
{
    _cleanup_free_ char *path = xasprintf("%s/%s.xml", data_dir, name);
    _cleanup_free_ char *xml = slurp(path);

    assert_non_null(xml);
    return qemu_def_parse(xml, &test_caps, QEMU_PARSE_INACTIVE | QEMU_PARSE_DEFAULTS);
}

/* define → dumpxml (inactive) → argv, each against its golden file; the
 * formatted XML must parse back to the same XML (a status/config reload). */
static void
check_domain(const char *name)
{
    _cleanup_(qemu_def_freep) QemuDef *def = parse_file(name);
    _cleanup_(qemu_def_freep) QemuDef *again = NULL;
    _cleanup_free_ char *xml = NULL, *xml2 = NULL;
    _cleanup_strv_free_ char **argv = NULL;
    QemuBuildCtx ctx = { .monitor_fd = 3, .lib_dir = "/var/lib/libvirt/qemu/domain-1-x" };
    VireoBuf args = VIREO_BUF_INIT;

    if (!def)
        fprintf(stderr, "%s: %s\n", name, vir_error_current()->message);
    assert_non_null(def);
    xml = qemu_def_format(def, DOMAIN_FORMAT_INACTIVE | DOMAIN_FORMAT_SECURE);
    check_golden(name, ".out.xml", xml);
    again = qemu_def_parse(xml, &test_caps, QEMU_PARSE_INACTIVE);
    assert_non_null(again);
    xml2 = qemu_def_format(again, DOMAIN_FORMAT_INACTIVE | DOMAIN_FORMAT_SECURE);
    assert_string_equal(xml, xml2);
    assert_int_equal(qemu_build_argv(def, &ctx, &argv), 0);
    for (size_t i = 0; argv[i]; i++)
        buf_addf(&args, "%s\n", argv[i]);
    check_golden(name, ".args", buf_str(&args));
    buf_reset(&args);
}

static void
test_domain_minimal(void **state)
{
    (void)state;
    check_domain("minimal");
}

static void
test_domain_full(void **state)
{
    (void)state;
    check_domain("full");
}

static void
test_domain_maxcpu(void **state)
{
    (void)state;
    check_domain("maxcpu");
}

/* Each refused document names what it refuses. */
static void
test_domain_refusals(void **state)
{
    static const struct {
        const char *fragment; /* replaces the <devices/> of the template */
        const char *type;
        const char *machine;
        const char *expect;
    } cases[] = {
        { "<devices><hostdev mode='subsystem' type='pci'/></devices>", "qemu", "pc", "<hostdev>" },
        { "<devices><interface type='network'><source network='default'/></interface></devices>",
          "qemu", "pc", "interface type 'network'" },
        { "<devices/>", "kvm", "pc", "KVM" },
        { "<devices/>", "xen", "pc", "domain type 'xen'" },
        { "<devices/>", "qemu", "q35", "machine type 'q35'" },
        { "<devices><graphics type='spice'/></devices>", "qemu", "pc", "graphics type 'spice'" },
        { "<devices><disk type='block'><source dev='/dev/sda'/><target dev='vda'/></disk></devices>",
          "qemu", "pc", "disk type 'block'" },
        { "<devices><disk type='file'><driver name='qemu' type='vmdk'/><source file='/x'/>"
          "<target dev='vda'/></disk></devices>", "qemu", "pc", "disk format 'vmdk'" },
        { "<devices><serial type='tcp'/></devices>", "qemu", "pc", "serial type 'tcp'" },
        { "<devices><watchdog model='i6300esb'/></devices>", "qemu", "pc", "<watchdog>" },
        { "<devices/><numatune/>", "qemu", "pc", "<numatune>" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        _cleanup_free_ char *xml = xasprintf(
            "<domain type='%s'><name>bad</name><memory>65536</memory><vcpu>1</vcpu>"
            "<os><type machine='%s'>hvm</type></os>%s</domain>",
            cases[i].type, cases[i].machine, cases[i].fragment);
        QemuDef *def = qemu_def_parse(xml, &test_caps, QEMU_PARSE_INACTIVE | QEMU_PARSE_DEFAULTS);
        virErrorPtr err = vir_error_current();

        if (def)
            fprintf(stderr, "case %zu accepted\n", i);
        assert_null(def);
        assert_non_null(err);
        if (!strstr(err->message, cases[i].expect))
            fprintf(stderr, "case %zu: '%s' lacks '%s'\n", i, err->message, cases[i].expect);
        assert_non_null(strstr(err->message, cases[i].expect));
    }
}

/* ---- JSON ---- */

static int
parse_str(const char *s, QemuJson **ret)
{
    return qemu_json_parse(s, strlen(s), ret);
}

static void
test_json_valid(void **state)
{
    QemuJson *v = NULL;
    long long n;
    bool b;

    (void)state;
    assert_int_equal(parse_str(" {\"return\": {\"a\": [1, -2, 3.5e2, true, null], "
                               "\"s\": \"x\\u00e9\\ud83d\\ude00\\n\", \"big\": 18446744073709551615,"
                               " \"b\": false}} ", &v), 0);
    const QemuJson *ret = qemu_json_get(v, "return");
    assert_non_null(ret);
    assert_int_equal(qemu_json_get(ret, "a")->n, 5);
    assert_true(qemu_json_get(ret, "a")->items[1]->is_int);
    assert_int_equal(qemu_json_get(ret, "a")->items[1]->integer, -2);
    assert_false(qemu_json_get(ret, "a")->items[2]->is_int);
    assert_string_equal(qemu_json_get_string(ret, "s"), "x\xc3\xa9\xf0\x9f\x98\x80\n");
    assert_true(qemu_json_get_int(ret, "big", &n));
    assert_true((unsigned long long)n == 18446744073709551615ULL);
    assert_true(qemu_json_get_bool(ret, "b", &b));
    assert_false(b);
    assert_null(qemu_json_get_string(ret, "missing"));
    qemu_json_free(v);
}

static void
test_json_hostile(void **state)
{
    static const char *const bad[] = {
        "", " ", "{", "}", "[1,]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "\"abc", "\"a\\x\"",
        "\"\\u12\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "tru",
        "nul", "-", "1.2.3e", "01x", "{} {}", "[1 2]", "\"\x01\"", "{1:2}", "1e999",
    };
    QemuJson *v = NULL;
    char *deep;
    size_t n = 100000;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (parse_str(bad[i], &v) == 0)
            fprintf(stderr, "accepted '%s'\n", bad[i]);
        assert_int_not_equal(parse_str(bad[i], &v), 0);
    }
    /* embedded NUL inside the given length */
    assert_int_not_equal(qemu_json_parse("\"a\0b\"", 5, &v), 0);
    /* nesting far deeper than the limit fails cleanly, without recursing deep */
    deep = xmalloc(2 * n + 1);
    memset(deep, '[', n);
    memset(deep + n, ']', n);
    deep[2 * n] = '\0';
    assert_int_equal(parse_str(deep, &v), -E2BIG);
    free(deep);
    /* a wide array within the node limit is fine */
    VireoBuf wide = VIREO_BUF_INIT;
    buf_add(&wide, "[");
    for (int i = 0; i < 10000; i++)
        buf_addf(&wide, "%s{\"k\":%d}", i ? "," : "", i);
    buf_add(&wide, "]");
    assert_int_equal(parse_str(buf_str(&wide), &v), 0);
    assert_int_equal(v->n, 10000);
    qemu_json_free(v);
    buf_reset(&wide);
}

static void
test_json_writer(void **state)
{
    VireoBuf buf = VIREO_BUF_INIT;
    QemuJson *v = NULL;

    (void)state;
    qemu_json_add_string(&buf, "a\"b\\c\n\x01/");
    assert_string_equal(buf_str(&buf), "\"a\\\"b\\\\c\\u000a\\u0001/\"");
    assert_int_equal(parse_str(buf_str(&buf), &v), 0);
    assert_string_equal(v->str, "a\"b\\c\n\x01/");
    qemu_json_free(v);
    buf_reset(&buf);
}

/* ---- the QMP client against a scripted fake qemu ---- */

typedef struct {
    int listen_fd;
    int mode; /* 0: normal, 1: garbage and a huge line, then EOF */
} FakeQemu;

static void
fake_send(int fd, const char *s)
{
    assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
}

/* Reads one line (a command) and returns its id. */
static char *
fake_read_id(int fd)
{
    char line[4096];
    size_t n = 0;
    char *id, *end;

    while (n < sizeof(line) - 1 && read(fd, line + n, 1) == 1 && line[n] != '\n')
        n++;
    line[n] = '\0';
    if (!(id = strstr(line, "\"id\":\"")))
        return NULL;
    id += 6;
    end = strchr(id, '"');
    return end ? xstrndup(id, (size_t)(end - id)) : NULL;
}

static void *
fake_qemu(void *opaque)
{
    FakeQemu *fq = opaque;
    int fd = accept(fq->listen_fd, NULL, NULL);
    char *id;
    char msg[512];

    fake_send(fd, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}}, "
                  "\"capabilities\": [\"oob\"]}}\r\n");
    id = fake_read_id(fd); /* qmp_capabilities */
    snprintf(msg, sizeof(msg), "{\"return\": {}, \"id\": \"%s\"}\r\n", id);
    fake_send(fd, msg);
    free(id);
    id = fake_read_id(fd); /* the test's command */
    /* an event and a reply to someone else first, then noise, then ours */
    fake_send(fd, "{\"event\": \"STOP\", \"timestamp\": {\"seconds\": 1}}\r\n");
    fake_send(fd, "{\"return\": 1, \"id\": \"not-yours\"}\r\nnot json at all\r\n[]\r\n");
    if (fq->mode == 0) {
        snprintf(msg, sizeof(msg), "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                                   "\"nope\"}, \"id\": \"%s\"}\r\n", id);
        fake_send(fd, msg);
        free(id);
        id = fake_read_id(fd);
        snprintf(msg, sizeof(msg), "{\"return\": {\"status\": \"running\"}, \"id\": \"%s\"}\r\n",
                 id);
        fake_send(fd, msg);
    } else {
        /* a line longer than the monitor accepts: the client must drop us */
        char *huge = xmalloc(1024 * 1024);
        memset(huge, 'x', 1024 * 1024);
        for (int i = 0; i < 9; i++)
            if (send(fd, huge, 1024 * 1024, MSG_NOSIGNAL) < 0)
                break;
        free(huge);
    }
    free(id);
    close(fd);
    return NULL;
}

static int events_seen, eofs_seen;

static void
count_event(void *opaque, const char *name, const QemuJson *data)
{
    (void)opaque;
    (void)data;
    if (strcmp(name, "STOP") == 0)
        events_seen++;
}

static void
count_eof(void *opaque)
{
    (void)opaque;
    eofs_seen++;
}

static void
run_fake(int mode)
{
    char dir[] = "/tmp/vireo-qmp-XXXXXX";
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    QemuMonitorCallbacks cb = { count_event, count_eof };
    FakeQemu fq = { .mode = mode };
    pthread_t t;
    QemuMonitor *mon;
    QemuJson *ret = NULL;

    assert_non_null(mkdtemp(dir));
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/qmp.sock", dir);
    fq.listen_fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(fq.listen_fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
    assert_int_equal(listen(fq.listen_fd, 1), 0);
    pthread_create(&t, NULL, fake_qemu, &fq);
    events_seen = eofs_seen = 0;
    mon = qemu_monitor_open(addr.sun_path, 5000, &cb, NULL);
    assert_non_null(mon);
    assert_int_equal(qemu_monitor_version(mon), 7002022);
    if (mode == 0) {
        assert_int_equal(qemu_monitor_command(mon, "stop", NULL, 5000, NULL), -1);
        assert_non_null(strstr(vir_error_current()->message, "'stop': nope"));
        assert_int_equal(qemu_monitor_command(mon, "query-status", NULL, 5000, &ret), 0);
        assert_string_equal(qemu_json_get_string(ret, "status"), "running");
        qemu_json_free(ret);
        assert_int_equal(events_seen, 1);
    } else {
        assert_int_equal(qemu_monitor_command(mon, "stop", NULL, 5000, NULL), -1);
        for (int i = 0; i < 200 && !eofs_seen; i++)
            usleep(10000);
        assert_int_equal(eofs_seen, 1);
    }
    pthread_join(t, NULL);
    qemu_monitor_close(mon);
    close(fq.listen_fd);
    unlink(addr.sun_path);
    rmdir(dir);
}

static void
test_monitor_fake(void **state)
{
    (void)state;
    run_fake(0);
}

static void
test_monitor_hostile(void **state)
{
    (void)state;
    run_fake(1);
}

static void
test_monitor_no_socket(void **state)
{
    (void)state;
    assert_null(qemu_monitor_open("/nonexistent/vireo/qmp.sock", 100, NULL, NULL));
    assert_non_null(strstr(vir_error_current()->message, "failed to connect to monitor socket"));
}

/* ---- atomic files ---- */

static void
test_atomic_write(void **state)
{
    char dir[] = "/tmp/vireo-atomic-XXXXXX";
    _cleanup_free_ char *path = NULL, *got = NULL;
    DIR *d;
    struct dirent *ent;
    int files = 0;
    struct stat st;

    (void)state;
    assert_non_null(mkdtemp(dir));
    path = xasprintf("%s/a.xml", dir);
    assert_int_equal(qemu_files_write_atomic(path, "first\n", 6, 0600), 0);
    assert_int_equal(qemu_files_write_atomic(path, "second\n", 7, 0600), 0);
    got = slurp(path);
    assert_string_equal(got, "second\n");
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    d = opendir(dir);
    while ((ent = readdir(d)))
        files += ent->d_name[0] != '.';
    closedir(d);
    assert_int_equal(files, 1); /* no temp file left behind */
    assert_int_equal(qemu_files_remove(path), 0);
    assert_int_equal(qemu_files_remove(path), 0); /* already gone is fine */
    rmdir(dir);
    assert_int_equal(qemu_files_write_atomic("/nonexistent/dir/x.xml", "x", 1, 0600), -1);
    assert_non_null(strstr(vir_error_current()->message, "cannot create file"));
}

/* qemu reports STOP and RESUME for our own stop/cont too, possibly after a
 * later call changed the state again: those must be consumed, not applied. */
static void
test_own_events_consumed(void **state)
{
    QemuDriver *drv = xcalloc(1, sizeof(*drv));
    QemuDomain *dom = xcalloc(1, sizeof(*dom));
    QemuEvent resume = { .gen = 3, .event = (char *)"RESUME" };
    QemuEvent stop = { .gen = 3, .event = (char *)"STOP" };

    (void)state;
    pthread_mutex_init(&drv->lock, NULL);
    dom->gen = 3;
    dom->pid = 1;
    /* start's cont, then a suspend, handled in that order afterwards */
    dom->state = VIR_DOMAIN_PAUSED;
    dom->reason = VIR_DOMAIN_PAUSED_USER;
    dom->own_resumes = 1;
    dom->own_stops = 1;
    qemu_process_handle_event(drv, dom, &resume);
    assert_int_equal(dom->state, VIR_DOMAIN_PAUSED);
    assert_int_equal(dom->own_resumes, 0);
    qemu_process_handle_event(drv, dom, &stop);
    assert_int_equal(dom->state, VIR_DOMAIN_PAUSED);
    assert_int_equal(dom->reason, VIR_DOMAIN_PAUSED_USER);
    assert_int_equal(dom->own_stops, 0);
    /* a stale generation is dropped whatever it says */
    dom->state = VIR_DOMAIN_RUNNING;
    resume.gen = stop.gen = 2;
    qemu_process_handle_event(drv, dom, &stop);
    assert_int_equal(dom->state, VIR_DOMAIN_RUNNING);
    pthread_mutex_destroy(&drv->lock);
    free(dom);
    free(drv);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_minimal),
        cmocka_unit_test(test_domain_full),
        cmocka_unit_test(test_domain_maxcpu),
        cmocka_unit_test(test_domain_refusals),
        cmocka_unit_test(test_json_valid),
        cmocka_unit_test(test_json_hostile),
        cmocka_unit_test(test_json_writer),
        cmocka_unit_test(test_monitor_fake),
        cmocka_unit_test(test_monitor_hostile),
        cmocka_unit_test(test_monitor_no_socket),
        cmocka_unit_test(test_atomic_write),
        cmocka_unit_test(test_own_events_consumed),
    };

    data_dir = argc > 1 ? argv[1] : "tests/unit/qemu/data";
    return cmocka_run_group_tests(tests, NULL, NULL);
}
