/*
 * qemu_seclabel.c: <seclabel> parsing, the live dac label, the per-run
 * credentials it implies, and the security model as clients query it.
 * See qemu_seclabel.h for the model. The rules and messages follow
 * libvirt 9.0's domain parser (inactive parse), its security manager
 * (model check, implicit labels) and its DAC driver (label generation and
 * "user:group" parsing), so clients get the same refusals.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "drivers/qemu/qemu_seclabel.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

#define SECLABEL_NSS_BUF_MAX (1024 * 1024)
#define SECLABEL_MAX_GROUPS 1024
#define SECLABEL_MAX 64 /* labels per domain: the wire's label list maximum */

typedef enum {
    SECLABEL_DEFAULT = 0, /* libvirt's enum value 0: refused when written */
    SECLABEL_DYNAMIC,
    SECLABEL_STATIC,
    SECLABEL_NONE,
} QemuSeclabelType;

static const char *const seclabel_types[] = { "default", "dynamic", "static", "none", NULL };

/* The models the host offers, in the stack's order. */
static const char *const seclabel_models[] = { "none", "dac", NULL };

typedef struct {
    char *model;                /* NULL when not given */
    int type;                   /* QemuSeclabelType */
    bool relabel;
    char *label, *imagelabel, *baselabel;
} QemuSeclabel;

static void
seclabel_clear(QemuSeclabel *sl)
{
    free(sl->model);
    free(sl->label);
    free(sl->imagelabel);
    free(sl->baselabel);
    memset(sl, 0, sizeof(*sl));
}

static void
seclabels_free(QemuSeclabel *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        seclabel_clear(&list[i]);
    free(list);
}

/* The text of raw's first child called name, NULL when absent or empty
 * (libvirt's XPath string() of an empty element counts as missing). */
static char *
seclabel_child_text(const ConfXmlRaw *raw, const char *name)
{
    const ConfXmlRaw *kid = conf_xml_raw_child(raw, name);
    const char *text = kid ? conf_xml_raw_text(kid) : NULL;

    return text && *text ? xstrdup(text) : NULL;
}

/* Reads one raw <seclabel>. inactive: a definition (labels of a dynamic
 * seclabel and image labels are not read); else a live (status) one. */
static int
seclabel_parse(const ConfXmlRaw *raw, bool inactive, QemuSeclabel *ret)
{
    const char *model = conf_xml_raw_attr(raw, "model");
    const char *type = conf_xml_raw_attr(raw, "type");
    const char *relabel = conf_xml_raw_attr(raw, "relabel");

    memset(ret, 0, sizeof(*ret));
    if (model && strlen(model) < VIR_SECURITY_MODEL_BUFLEN)
        ret->model = xstrdup(model);
    /* an absent type is libvirt's "default": never printed, a dynamic
     * label at start */
    ret->type = SECLABEL_DEFAULT;
    if (type) {
        int t = conf_enum_index(seclabel_types, type);
        if (t <= 0) {
            vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                             "Invalid value for attribute 'type' in element 'seclabel': '%s'.",
                             type);
            goto fail;
        }
        ret->type = t;
    }
    ret->relabel = ret->type != SECLABEL_STATIC && ret->type != SECLABEL_NONE;
    if (relabel) {
        if (STRNEQ(relabel, "yes") && STRNEQ(relabel, "no")) {
            vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                             "Invalid value for attribute 'relabel' in element 'seclabel': "
                             "'%s'.", relabel);
            goto fail;
        }
        ret->relabel = STREQ(relabel, "yes");
    }
    /* a live label is ours (status files), where a "default" label made
     * dynamic may carry relabel='no' */
    if (ret->type == SECLABEL_DYNAMIC && !ret->relabel && inactive) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "dynamic label type must use resource relabeling");
        goto fail;
    }
    if (ret->type == SECLABEL_NONE && ret->relabel) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "resource relabeling is not compatible with 'none' label type");
        goto fail;
    }
    if (ret->model && STREQ(ret->model, "none")) {
        if (inactive) {
            ret->type = SECLABEL_NONE; /* older configurations are mended */
            ret->relabel = false;
        } else if (ret->type != SECLABEL_NONE) {
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_CONFIG_UNSUPPORTED,
                             "unsupported type='%s' to model 'none'", seclabel_types[ret->type]);
            goto fail;
        }
        return 0;
    }
    if (ret->type == SECLABEL_STATIC || (!inactive && ret->type != SECLABEL_NONE)) {
        ret->label = seclabel_child_text(raw, "label");
        if (!ret->label || strlen(ret->label) >= VIR_SECURITY_LABEL_BUFLEN) {
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "%s",
                             "security label is missing");
            goto fail;
        }
    }
    if (ret->relabel && !inactive && ret->type != SECLABEL_NONE) {
        ret->imagelabel = seclabel_child_text(raw, "imagelabel");
        if (!ret->imagelabel || strlen(ret->imagelabel) >= VIR_SECURITY_LABEL_BUFLEN) {
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "%s",
                             "security imagelabel is missing");
            goto fail;
        }
    }
    if (ret->type == SECLABEL_DYNAMIC) {
        ret->baselabel = seclabel_child_text(raw, "baselabel");
        if (ret->baselabel && strlen(ret->baselabel) >= VIR_SECURITY_LABEL_BUFLEN)
            free(TAKE_PTR(ret->baselabel));
    }
    return 0;
fail:
    seclabel_clear(ret);
    return -1;
}

/* A label of libvirt's "default" type (no type attribute) is kept in the
 * definition but never printed: it is stored under this element name,
 * which the generic formatter does not know, so it stays out of every XML
 * (and, as in libvirt, out of the config file). At start it becomes a
 * dynamic label. */
#define SECLABEL_HIDDEN "vireo-default-seclabel"

static bool
seclabel_is_raw(const ConfXmlRaw *raw)
{
    const char *name = conf_xml_raw_name(raw);

    return STREQ(name, "seclabel") || STREQ(name, SECLABEL_HIDDEN);
}

/* Reads every <seclabel> of def with libvirt's whole-list rules. */
static int
seclabels_read(const DomainDef *def, bool inactive, QemuSeclabel **ret_list, size_t *ret_n)
{
    QemuSeclabel *list = NULL;
    size_t n = 0;

    for (size_t i = 0; i < def->nraw_top; i++) {
        if (!seclabel_is_raw(def->raw_top[i]))
            continue;
        /* each label is checked against the others: hostile documents
         * with thousands of them are refused before that gets costly */
        if (n == SECLABEL_MAX) {
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR,
                             "too many <seclabel> elements (more than %d)", SECLABEL_MAX);
            goto fail;
        }
        list = xreallocarray(list, n + 1, sizeof(*list));
        if (seclabel_parse(def->raw_top[i], inactive, &list[n]) < 0)
            goto fail;
        n++;
        for (size_t j = 0; j + 1 < n; j++) {
            if ((!list[j].model && !list[n - 1].model) ||
                (list[j].model && list[n - 1].model && STREQ(list[j].model, list[n - 1].model))) {
                vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_XML_DETAIL,
                                 "seclabel for model %s is already provided",
                                 list[n - 1].model ? list[n - 1].model : "(null)");
                goto fail;
            }
        }
    }
    if (n == 1 && !list[0].model) {
        /* an old single label without a model: the host's first model */
        if (list[0].type == SECLABEL_NONE ||
            (list[0].type == SECLABEL_DYNAMIC && !list[0].baselabel && inactive)) {
            list[0].model = xstrdup(seclabel_models[0]);
            if (inactive) {
                list[0].type = SECLABEL_NONE;
                list[0].relabel = false;
                free(TAKE_PTR(list[0].label));
                free(TAKE_PTR(list[0].imagelabel));
                free(TAKE_PTR(list[0].baselabel));
            }
        } else {
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "%s",
                             "missing security model in domain seclabel");
            goto fail;
        }
    }
    for (size_t i = 0; n > 1 && i < n; i++) {
        if (!list[i].model) {
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "%s",
                             "missing security model when using multiple labels");
            goto fail;
        }
    }
    *ret_list = list;
    *ret_n = n;
    return 0;
fail:
    seclabels_free(list, n);
    return -1;
}

/* One seclabel as libvirt prints it (at indent 0, one line per element). */
static void
seclabel_format(const QemuSeclabel *sl, VireoBuf *buf)
{
    if (sl->type == SECLABEL_DEFAULT) {
        buf_add(buf, "<" SECLABEL_HIDDEN);
        if (sl->model)
            conf_xml_attr(buf, "model", sl->model);
        buf_addf(buf, " relabel='%s'/>", sl->relabel ? "yes" : "no");
        return;
    }
    buf_addf(buf, "<seclabel type='%s'", seclabel_types[sl->type]);
    if (sl->model)
        conf_xml_attr(buf, "model", sl->model);
    if (sl->type == SECLABEL_NONE) {
        buf_add(buf, "/>");
        return;
    }
    buf_addf(buf, " relabel='%s'", sl->relabel ? "yes" : "no");
    if (!sl->label && !sl->imagelabel && !sl->baselabel) {
        buf_add(buf, "/>");
        return;
    }
    buf_add(buf, ">");
    if (sl->label)
        conf_xml_element(buf, 0, "label", sl->label);
    if (sl->relabel && sl->imagelabel)
        conf_xml_element(buf, 0, "imagelabel", sl->imagelabel);
    if (sl->type == SECLABEL_DYNAMIC && sl->baselabel)
        conf_xml_element(buf, 0, "baselabel", sl->baselabel);
    buf_add(buf, "</seclabel>");
}

static ConfXmlRaw *
seclabel_to_raw(const QemuSeclabel *sl)
{
    VireoBuf buf = VIREO_BUF_INIT;
    xmlDocPtr doc;
    ConfXmlRaw *raw;

    seclabel_format(sl, &buf);
    doc = xmlReadMemory(buf_str(&buf), (int)buf.len, "seclabel", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    buf_reset(&buf);
    if (!doc)
        abort(); /* built from escaped text: always well formed */
    raw = conf_xml_raw_new(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return raw;
}

/* Replaces def's <seclabel> raws by list's (in order), keeping the other
 * raw top-level elements where they were. */
static void
seclabels_store(DomainDef *def, const QemuSeclabel *list, size_t n)
{
    size_t kept = 0;

    for (size_t i = 0; i < def->nraw_top; i++) {
        if (seclabel_is_raw(def->raw_top[i]))
            conf_xml_raw_free(def->raw_top[i]);
        else
            def->raw_top[kept++] = def->raw_top[i];
    }
    def->raw_top = xreallocarray(def->raw_top, kept + n + 1, sizeof(*def->raw_top));
    for (size_t i = 0; i < n; i++)
        def->raw_top[kept + i] = seclabel_to_raw(&list[i]);
    def->nraw_top = kept + n;
}

void
qemu_seclabel_collect(DomainDef *def, xmlNodePtr root)
{
    size_t kept = 0;

    for (size_t i = 0; i < def->nraw_top; i++) {
        if (seclabel_is_raw(def->raw_top[i]))
            conf_xml_raw_free(def->raw_top[i]);
        else
            def->raw_top[kept++] = def->raw_top[i];
    }
    def->nraw_top = kept;
    for (xmlNodePtr cur = root ? root->children : NULL; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "seclabel"))
            continue;
        def->raw_top = xreallocarray(def->raw_top, def->nraw_top + 1, sizeof(*def->raw_top));
        def->raw_top[def->nraw_top++] = conf_xml_raw_new(cur);
    }
}

void
qemu_seclabel_copy(DomainDef *dst, const DomainDef *src)
{
    size_t kept = 0;

    for (size_t i = 0; i < dst->nraw_top; i++) {
        if (seclabel_is_raw(dst->raw_top[i]))
            conf_xml_raw_free(dst->raw_top[i]);
        else
            dst->raw_top[kept++] = dst->raw_top[i];
    }
    dst->nraw_top = kept;
    for (size_t i = 0; i < src->nraw_top; i++) {
        if (!seclabel_is_raw(src->raw_top[i]))
            continue;
        dst->raw_top = xreallocarray(dst->raw_top, dst->nraw_top + 1, sizeof(*dst->raw_top));
        dst->raw_top[dst->nraw_top++] = conf_xml_raw_copy(src->raw_top[i]);
    }
}

int
qemu_seclabel_define(DomainDef *def)
{
    QemuSeclabel *list = NULL;
    size_t n = 0;

    if (seclabels_read(def, true, &list, &n) < 0)
        return -1;
    seclabels_store(def, list, n);
    seclabels_free(list, n);
    return 0;
}

/* ---- the dac model's identity ---- */

static void
seclabel_ids(const QemuDriver *drv, uid_t *ret_uid, gid_t *ret_gid)
{
    const QemuUserConf *conf = &drv->user_conf;

    *ret_uid = conf->uid != (uid_t)-1 ? conf->uid : geteuid();
    *ret_gid = conf->gid != (gid_t)-1 ? conf->gid : getegid();
}

void
qemu_seclabel_base(const QemuDriver *drv, char *buf, size_t n)
{
    uid_t uid;
    gid_t gid;

    seclabel_ids(drv, &uid, &gid);
    snprintf(buf, n, "+%u:+%u", (unsigned)uid, (unsigned)gid);
}

int
qemu_seclabel_generate(const QemuDriver *drv, DomainDef *live)
{
    QemuSeclabel *list = NULL;
    size_t n = 0, dac = SIZE_MAX;
    char base[64];
    int rc = -1;

    if (seclabels_read(live, true, &list, &n) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (list[i].model && conf_enum_index(seclabel_models, list[i].model) < 0) {
            vir_error_report(VIR_FROM_SECURITY, VIR_ERR_CONFIG_UNSUPPORTED,
                             "Security driver model '%s' is not available", list[i].model);
            goto out;
        }
        if (list[i].model && STREQ(list[i].model, "dac"))
            dac = i;
        /* "default": confined, as both models here are (relabel as given) */
        if (list[i].type == SECLABEL_DEFAULT)
            list[i].type = SECLABEL_DYNAMIC;
    }
    if (dac == SIZE_MAX) {
        /* dac confines by default: an implicit dynamic label */
        list = xreallocarray(list, n + 1, sizeof(*list));
        list[n] = (QemuSeclabel){ .model = xstrdup("dac"), .type = SECLABEL_DYNAMIC,
                                  .relabel = true };
        dac = n++;
    }
    if (list[dac].type == SECLABEL_DYNAMIC) {
        qemu_seclabel_base(drv, base, sizeof(base));
        free(list[dac].label);
        list[dac].label = xstrdup(base);
    }
    if (list[dac].type != SECLABEL_NONE && list[dac].relabel && !list[dac].imagelabel)
        list[dac].imagelabel = xstrdup(list[dac].label);
    seclabels_store(live, list, n);
    rc = 0;
out:
    seclabels_free(list, n);
    return rc;
}

/* The live dac seclabel of def, if any (as written in the status XML). */
static bool
seclabel_live_dac(const DomainDef *def, QemuSeclabel *ret)
{
    for (size_t i = 0; i < def->nraw_top; i++) {
        const char *model = conf_xml_raw_attr(def->raw_top[i], "model");
        if (!seclabel_is_raw(def->raw_top[i]) || !model || STRNEQ(model, "dac"))
            continue;
        if (seclabel_parse(def->raw_top[i], false, ret) == 0)
            return true;
        qemu_error_drop(__func__);
        return false;
    }
    return false;
}

/* libvirt's "user:group" with "+N" numbers and names; names that do not
 * exist are taken as numbers when they are digits. */
static bool
seclabel_number(const char *s, unsigned long *ret)
{
    char *end;

    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
        return false;
    errno = 0;
    *ret = strtoul(s, &end, 10);
    return !errno && !*end && *ret < (unsigned long)(uid_t)-1;
}

/* getpwnam_r / getpwuid_r with a growing buffer; fills name and primary
 * group when found. */
static bool
seclabel_getpw(const char *name, uid_t uid, uid_t *ret_uid, gid_t *ret_gid, char **ret_name)
{
    size_t size = 1024;
    char *buf = NULL;
    struct passwd pw, *found = NULL;

    for (;;) {
        int rc;
        buf = xrealloc(buf, size);
        rc = name ? getpwnam_r(name, &pw, buf, size, &found)
                  : getpwuid_r(uid, &pw, buf, size, &found);
        if (rc == ERANGE && size < SECLABEL_NSS_BUF_MAX) {
            size *= 2;
            continue;
        }
        break;
    }
    if (found) {
        if (ret_uid)
            *ret_uid = pw.pw_uid;
        if (ret_gid)
            *ret_gid = pw.pw_gid;
        if (ret_name)
            *ret_name = xstrdup(pw.pw_name);
    }
    free(buf);
    return found != NULL;
}

static bool
seclabel_getgr(const char *name, gid_t *ret_gid)
{
    size_t size = 1024;
    char *buf = NULL;
    struct group gr, *found = NULL;

    for (;;) {
        int rc;
        buf = xrealloc(buf, size);
        rc = getgrnam_r(name, &gr, buf, size, &found);
        if (rc == ERANGE && size < SECLABEL_NSS_BUF_MAX) {
            size *= 2;
            continue;
        }
        break;
    }
    if (found)
        *ret_gid = gr.gr_gid;
    free(buf);
    return found != NULL;
}

static int
seclabel_parse_ids(const char *label, uid_t *ret_uid, gid_t *ret_gid)
{
    _cleanup_free_ char *copy = xstrdup(label);
    char *sep = strchr(copy, ':');
    const char *user = copy, *group;
    unsigned long id;

    if (!sep) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                         "Failed to parse uid and gid from '%s'", label);
        return -1;
    }
    *sep = '\0';
    group = sep + 1;
    if (user[0] == '+' || !seclabel_getpw(user, 0, ret_uid, NULL, NULL)) {
        if (user[0] == '+')
            user++;
        if (!seclabel_number(user, &id)) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "Failed to parse user '%s'",
                             user);
            return -1;
        }
        *ret_uid = (uid_t)id;
    }
    if (group[0] == '+' || !seclabel_getgr(group, ret_gid)) {
        if (group[0] == '+')
            group++;
        if (!seclabel_number(group, &id)) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "Failed to parse group '%s'",
                             group);
            return -1;
        }
        *ret_gid = (gid_t)id;
    }
    return 0;
}

/* The user's groups (getgrouplist from its passwd entry) plus gid, as
 * libvirt gives a process it runs as uid:gid. */
static int
seclabel_group_list(uid_t uid, gid_t gid, gid_t **ret_groups, size_t *ret_n)
{
    _cleanup_free_ char *name = NULL;
    gid_t primary = 0;
    gid_t *list = NULL;
    int n = 0;

    if (seclabel_getpw(NULL, uid, NULL, &primary, &name)) {
        n = 16;
        list = XNEW_ARRAY(gid_t, (size_t)n);
        while (getgrouplist(name, primary, list, &n) < 0) {
            if (n > SECLABEL_MAX_GROUPS) {
                free(list);
                vir_report_error(VIR_ERR_INTERNAL_ERROR, "user '%s' is in more than %d groups",
                                 name, SECLABEL_MAX_GROUPS);
                return -1;
            }
            list = xreallocarray(list, (size_t)n, sizeof(*list));
        }
    }
    bool have = false;
    for (int i = 0; i < n; i++)
        have = have || list[i] == gid;
    if (!have) {
        list = xreallocarray(list, (size_t)n + 1, sizeof(*list));
        list[n++] = gid;
    }
    *ret_groups = list;
    *ret_n = (size_t)n;
    return 0;
}

int
qemu_seclabel_run_conf(const QemuDriver *drv, const DomainDef *live, QemuUserConf *ret_conf)
{
    const QemuUserConf *base = &drv->user_conf;
    QemuSeclabel sl;
    bool have = seclabel_live_dac(live, &sl);
    QemuUserConf conf = {
        .path = xstrdup(base->path),
        .uid = base->uid,
        .gid = base->gid,
        .dynamic_ownership = base->dynamic_ownership,
        .remember_owner = base->remember_owner,
    };

    if (have && sl.type == SECLABEL_STATIC) {
        char *colon = strchr(sl.label, ':');
        if (seclabel_parse_ids(sl.label, &conf.uid, &conf.gid) < 0 ||
            seclabel_group_list(conf.uid, conf.gid, &conf.groups, &conf.ngroups) < 0) {
            seclabel_clear(&sl);
            qemu_user_conf_clear(&conf);
            return -1;
        }
        conf.user = xstrndup(sl.label, colon ? (size_t)(colon - sl.label) : strlen(sl.label));
        conf.group = xstrdup(colon ? colon + 1 : "");
    } else {
        conf.user = xstrdup(base->user);
        conf.group = xstrdup(base->group);
        if (base->ngroups) {
            conf.groups = XNEW_ARRAY(gid_t, base->ngroups);
            memcpy(conf.groups, base->groups, base->ngroups * sizeof(gid_t));
            conf.ngroups = base->ngroups;
        }
    }
    /* relabel='no' (static by default, none always): nothing is chowned */
    if (have && !sl.relabel)
        conf.dynamic_ownership = false;
    if (have)
        seclabel_clear(&sl);
    *ret_conf = conf;
    return 0;
}

/* ---- what clients query ---- */

void
qemu_seclabel_format_caps(const QemuDriver *drv, VireoBuf *buf)
{
    char base[64];

    qemu_seclabel_base(drv, base, sizeof(base));
    buf_add(buf, "    <secmodel>\n      <model>none</model>\n      <doi>0</doi>\n"
                 "    </secmodel>\n");
    buf_add(buf, "    <secmodel>\n      <model>dac</model>\n      <doi>0</doi>\n");
    buf_addf(buf, "      <baselabel type='kvm'>%s</baselabel>\n", base);
    buf_addf(buf, "      <baselabel type='qemu'>%s</baselabel>\n", base);
    buf_add(buf, "    </secmodel>\n");
}

int
qemu_seclabel_node_model(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    (void)conn;
    /* the stack's first model, as libvirtd answers */
    memset(secmodel, 0, sizeof(*secmodel));
    snprintf(secmodel->model, sizeof(secmodel->model), "%s", seclabel_models[0]);
    snprintf(secmodel->doi, sizeof(secmodel->doi), "0");
    return 0;
}

static QemuDomain *
seclabel_dom_get(virDomainPtr handle, QemuDriver **ret_drv)
{
    QemuDriver *drv = qemu_driver_of(handle->conn);
    QemuDomain *dom;
    char uuid[VIR_UUID_STRING_BUFLEN];

    pthread_mutex_lock(&drv->lock);
    dom = qemu_domain_find_uuid(drv, handle->uuid);
    pthread_mutex_unlock(&drv->lock);
    if (!dom) {
        vireo_uuid_format(handle->uuid, uuid);
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN,
                         "no domain with matching uuid '%s' (%s)", uuid, handle->name);
        return NULL;
    }
    *ret_drv = drv;
    return dom;
}

/* The label each model of the stack reports for a running domain: none
 * reports nothing, dac its live label (empty for type='none'). */
static void
seclabel_process_labels(const QemuDomain *dom, virSecurityLabel *ret_labels)
{
    QemuSeclabel sl;

    memset(ret_labels, 0, 2 * sizeof(*ret_labels));
    if (seclabel_live_dac(dom->def->def, &sl)) {
        if (sl.label)
            snprintf(ret_labels[1].label, sizeof(ret_labels[1].label), "%s", sl.label);
        seclabel_clear(&sl);
    }
}

int
qemu_seclabel_domain_label(virDomainPtr handle, virSecurityLabelPtr seclabel)
{
    QemuDriver *drv;
    QemuDomain *dom = seclabel_dom_get(handle, &drv);

    if (!dom)
        return -1;
    qemu_domain_unref(dom);
    /* the stack answers with its first model's label, and "none" has
     * none, running or not */
    memset(seclabel, 0, sizeof(*seclabel));
    return 0;
}

int
qemu_seclabel_domain_label_list(virDomainPtr handle, virSecurityLabelPtr *seclabels)
{
    QemuDriver *drv;
    QemuDomain *dom = seclabel_dom_get(handle, &drv);
    virSecurityLabel *labels = NULL;
    int n = 0;

    if (!dom)
        return -1;
    pthread_mutex_lock(&drv->lock);
    if (dom->id >= 0) {
        labels = XNEW_ARRAY(virSecurityLabel, 2);
        seclabel_process_labels(dom, labels);
        n = 2;
    }
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    *seclabels = labels;
    return n;
}
