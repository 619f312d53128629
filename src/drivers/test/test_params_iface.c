/*
 * test_params_iface.c: interface bandwidth (virDomainGet/SetInterface-
 * Parameters, <interface><bandwidth>) in the test driver: a direction is
 * replaced when its average (or inbound floor) is given, cleared when that
 * is given as 0, kept otherwise, as libvirt's test driver does.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_params.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/macros.h"

/* ---- interface bandwidth (<interface><bandwidth>) ---- */

typedef struct {
    bool set;                  /* the direction exists (average or floor given) */
    unsigned long long average, peak, floor, burst;
} TestRate;

static void
test_rate_load(const ConfXmlRaw *bw, const char *dir, TestRate *ret)
{
    const ConfXmlRaw *r = bw ? conf_xml_raw_child(bw, dir) : NULL;
    const char *names[] = { "average", "peak", "floor", "burst" };
    unsigned long long *vals[] = { &ret->average, &ret->peak, &ret->floor, &ret->burst };

    memset(ret, 0, sizeof(*ret));
    if (!r)
        return;
    ret->set = true;
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        const char *v = conf_xml_raw_attr(r, names[i]);

        *vals[i] = v ? strtoull(v, NULL, 10) : 0;
    }
}

static void
test_rate_format(VireoBuf *buf, const char *dir, const TestRate *r)
{
    if (!r->set || (!r->average && !r->floor))
        return;
    buf_addf(buf, "<%s", dir);
    if (r->average)
        buf_addf(buf, " average='%llu'", r->average);
    if (r->peak)
        buf_addf(buf, " peak='%llu'", r->peak);
    if (r->floor)
        buf_addf(buf, " floor='%llu'", r->floor);
    if (r->burst)
        buf_addf(buf, " burst='%llu'", r->burst);
    buf_add(buf, "/>");
}

/* The interface device names: its MAC address or its target device. */
static DomainNet *
test_params_net_find(DomainDef *def, const char *device)
{
    unsigned int m[6];
    unsigned char mac[6];
    char tail;
    bool is_mac = sscanf(device, "%2x:%2x:%2x:%2x:%2x:%2x%c", &m[0], &m[1], &m[2], &m[3], &m[4],
                         &m[5], &tail) == 6;

    for (int i = 0; i < 6; i++)
        mac[i] = (unsigned char)m[i];
    for (size_t i = 0; i < def->nnets; i++) {
        DomainNet *n = def->nets[i];

        if (is_mac ? memcmp(n->mac, mac, 6) == 0 : (n->ifname && STREQ(n->ifname, device)))
            return n;
    }
    vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "'%s' is not a known interface",
                     device);
    return NULL;
}

int
test_domain_set_interface_parameters(virDomainPtr dom, const char *device,
                                     virTypedParameterPtr params, int nparams,
                                     unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_IN_PEAK, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_IN_BURST, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_IN_FLOOR, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_OUT_PEAK, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_OUT_BURST, VIR_TYPED_PARAM_UINT },
    };
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    DomainNet *net;
    TestRate in = { .set = true }, out = { .set = true }, old_in, old_out;
    bool in_given = false, out_given = false;
    VireoBuf buf = VIREO_BUF_INIT;
    _cleanup_free_ char *xml = NULL;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetInterfaceParameters", -1);
    if (test_params_validate(params, nparams, spec, ARRAY_SIZE(spec)) < 0)
        return -1;
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)) || !(net = test_params_net_find(def, device)))
        goto done;
    for (int i = 0; i < nparams; i++) {
        const char *f = params[i].field;
        unsigned int v = params[i].value.ui;

        if (STREQ(f, VIR_DOMAIN_BANDWIDTH_IN_AVERAGE))
            in.average = v, in_given = true;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_IN_PEAK))
            in.peak = v;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_IN_BURST))
            in.burst = v;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_IN_FLOOR))
            in.floor = v, in_given = true;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE))
            out.average = v, out_given = true;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_OUT_PEAK))
            out.peak = v;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_OUT_BURST))
            out.burst = v;
    }
    /* a direction needs its average (or, inbound, its floor) */
    in.set = in.average || in.floor;
    out.set = out.average != 0;
    if (net->bandwidth) {
        /* an existing direction stays unless replaced or explicitly zeroed */
        test_rate_load(net->bandwidth, "inbound", &old_in);
        test_rate_load(net->bandwidth, "outbound", &old_out);
        if (!in.set && !in_given)
            in = old_in;
        if (!out.set && !out_given)
            out = old_out;
    }
    buf_add(&buf, "<bandwidth>");
    test_rate_format(&buf, "inbound", &in);
    test_rate_format(&buf, "outbound", &out);
    buf_add(&buf, "</bandwidth>");
    xml = buf_steal(&buf);
    {
        ConfXmlRaw *raw = test_params_raw_parse(xml, "bandwidth");

        if (!raw)
            goto done;
        conf_xml_raw_free(net->bandwidth);
        net->bandwidth = raw;
    }
    ret = 0;
done:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_interface_parameters(virDomainPtr dom, const char *device,
                                     virTypedParameterPtr params, int *nparams,
                                     unsigned int flags)
{
    static const char *const names[] = {
        VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_DOMAIN_BANDWIDTH_IN_PEAK,
        VIR_DOMAIN_BANDWIDTH_IN_BURST, VIR_DOMAIN_BANDWIDTH_IN_FLOOR,
        VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_DOMAIN_BANDWIDTH_OUT_PEAK,
        VIR_DOMAIN_BANDWIDTH_OUT_BURST,
    };
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    DomainNet *net;
    TestRate in, out;
    int ret = -1;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                         VIR_TYPED_PARAM_STRING_OKAY,
                     "testDomainGetInterfaceParameters", -1);
    if (*nparams == 0) {
        *nparams = 7;
        return 0;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if ((def = test_domain_one_def(obj, flags, NULL)) && (net = test_params_net_find(def, device))) {
        unsigned long long vals[7];

        test_rate_load(net->bandwidth, "inbound", &in);
        test_rate_load(net->bandwidth, "outbound", &out);
        vals[0] = in.average, vals[1] = in.peak, vals[2] = in.burst, vals[3] = in.floor;
        vals[4] = out.average, vals[5] = out.peak, vals[6] = out.burst;
        for (int i = 0; i < 7; i++)
            test_params_put(params, *nparams, i, names[i], VIR_TYPED_PARAM_UINT, vals[i], NULL);
        if (*nparams > 7)
            *nparams = 7;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}
