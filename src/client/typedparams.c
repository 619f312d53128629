/*
 * typedparams.c: libvirt's public helpers for typed parameter arrays
 * (virTypedParams*), with its semantics: Get* answer 1 found, 0 absent, -1
 * (INVALID_ARG) for a type mismatch; Add* grow the array as needed and never
 * check for duplicates; Clear frees strings only, Free the array too.
 */
#define VIR_FROM_THIS VIR_FROM_NONE

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libvirt/libvirt.h>

#include "util/alloc.h"
#include "util/error.h"

static const char *const typedparams_type_names[] = {
    "unknown", "int", "uint", "llong", "ullong", "double", "boolean", "string",
};

static const char *
typedparams_type_name(int type)
{
    if (type < 0 || type > VIR_TYPED_PARAM_STRING)
        return NULL;
    return typedparams_type_names[type];
}

virTypedParameterPtr
virTypedParamsGet(virTypedParameterPtr params, int nparams, const char *name)
{
    if (!params || !name)
        return NULL;
    for (int i = 0; i < nparams; i++)
        if (strcmp(params[i].field, name) == 0)
            return &params[i];
    return NULL;
}

/* The parameter called name when it has type; NULL with *ret_rc 0 when
 * absent, -1 (reported) when its type differs. */
static virTypedParameterPtr
typedparams_find(virTypedParameterPtr params, int nparams, const char *name, int type,
                 int *ret_rc)
{
    virTypedParameterPtr p;

    virResetLastError();
    *ret_rc = 0;
    if (!(p = virTypedParamsGet(params, nparams, name)))
        return NULL;
    if (p->type != type) {
        const char *actual = typedparams_type_name(p->type);

        vir_report_error(VIR_ERR_INVALID_ARG,
                         "Invalid type '%s' requested for parameter '%s', actual type is '%s'",
                         typedparams_type_name(type), name, actual ? actual : "(null)");
        vir_error_dispatch(NULL, __func__);
        *ret_rc = -1;
        return NULL;
    }
    *ret_rc = 1;
    return p;
}

#define TYPEDPARAMS_GETTER(fname, ctype, code, member) \
    int fname(virTypedParameterPtr params, int nparams, const char *name, ctype *value) \
    { \
        int rc; \
        virTypedParameterPtr p = typedparams_find(params, nparams, name, code, &rc); \
        if (p && value) \
            *value = p->value.member; \
        return rc; \
    }

TYPEDPARAMS_GETTER(virTypedParamsGetInt, int, VIR_TYPED_PARAM_INT, i)
TYPEDPARAMS_GETTER(virTypedParamsGetUInt, unsigned int, VIR_TYPED_PARAM_UINT, ui)
TYPEDPARAMS_GETTER(virTypedParamsGetLLong, long long, VIR_TYPED_PARAM_LLONG, l)
TYPEDPARAMS_GETTER(virTypedParamsGetULLong, unsigned long long, VIR_TYPED_PARAM_ULLONG, ul)
TYPEDPARAMS_GETTER(virTypedParamsGetDouble, double, VIR_TYPED_PARAM_DOUBLE, d)

int
virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams, const char *name,
                         int *value)
{
    int rc;
    virTypedParameterPtr p =
        typedparams_find(params, nparams, name, VIR_TYPED_PARAM_BOOLEAN, &rc);

    if (p && value)
        *value = !!p->value.b;
    return rc;
}

int
virTypedParamsGetString(virTypedParameterPtr params, int nparams, const char *name,
                        const char **value)
{
    int rc;
    virTypedParameterPtr p =
        typedparams_find(params, nparams, name, VIR_TYPED_PARAM_STRING, &rc);

    if (p && value)
        *value = p->value.s;
    return rc;
}

/* Makes room for one more entry (libvirt grows by what is needed plus a
 * margin) and names it; NULL after reporting when the name is too long. */
static virTypedParameterPtr
typedparams_append(virTypedParameterPtr *params, int *nparams, int *maxparams,
                   const char *name, int type)
{
    virTypedParameterPtr p;

    virResetLastError();
    if (*nparams >= *maxparams) {
        int grow = *maxparams + 1 + 4;

        *params = xreallocarray(*params, (size_t)grow, sizeof(**params));
        memset(*params + *maxparams, 0, sizeof(**params) * (size_t)(grow - *maxparams));
        *maxparams = grow;
    }
    p = *params + *nparams;
    if (!name || strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Field name '%s' too long",
                         name ? name : "(null)");
        vir_error_dispatch(NULL, __func__);
        return NULL;
    }
    memset(p, 0, sizeof(*p));
    strcpy(p->field, name);
    p->type = type;
    return p;
}

#define TYPEDPARAMS_ADDER(fname, ctype, code, member) \
    int fname(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name, \
              ctype value) \
    { \
        virTypedParameterPtr p = typedparams_append(params, nparams, maxparams, name, code); \
        if (!p) \
            return -1; \
        p->value.member = value; \
        (*nparams)++; \
        return 0; \
    }

TYPEDPARAMS_ADDER(virTypedParamsAddInt, int, VIR_TYPED_PARAM_INT, i)
TYPEDPARAMS_ADDER(virTypedParamsAddUInt, unsigned int, VIR_TYPED_PARAM_UINT, ui)
TYPEDPARAMS_ADDER(virTypedParamsAddLLong, long long, VIR_TYPED_PARAM_LLONG, l)
TYPEDPARAMS_ADDER(virTypedParamsAddULLong, unsigned long long, VIR_TYPED_PARAM_ULLONG, ul)
TYPEDPARAMS_ADDER(virTypedParamsAddDouble, double, VIR_TYPED_PARAM_DOUBLE, d)

int
virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams, int *maxparams,
                         const char *name, int value)
{
    virTypedParameterPtr p =
        typedparams_append(params, nparams, maxparams, name, VIR_TYPED_PARAM_BOOLEAN);

    if (!p)
        return -1;
    p->value.b = !!value;
    (*nparams)++;
    return 0;
}

int
virTypedParamsAddString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                        const char *name, const char *value)
{
    virTypedParameterPtr p =
        typedparams_append(params, nparams, maxparams, name, VIR_TYPED_PARAM_STRING);

    if (!p)
        return -1;
    p->value.s = value ? xstrdup(value) : NULL;
    (*nparams)++;
    return 0;
}

int
virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, const char **values)
{
    int rc = -1;

    if (!values)
        return 0;
    for (size_t i = 0; values[i]; i++)
        if ((rc = virTypedParamsAddString(params, nparams, maxparams, name, values[i])) < 0)
            break;
    return rc;
}

/* Parsers of AddFromString: false when text is not a whole number of the
 * type (libvirt's virStrToLong_* rules: base 10, no trailing text). */
static bool
typedparams_parse_ll(const char *text, long long min, long long max, long long *ret)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max)
        return false;
    *ret = v;
    return true;
}

static bool
typedparams_parse_ull(const char *text, unsigned long long max, unsigned long long *ret)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(text, &end, 10);
    /* a negative number wraps, as libvirt allows for -1 and friends */
    if (errno || end == text || *end)
        return false;
    if (max != ULLONG_MAX && v > max) {
        long long s;

        if (!typedparams_parse_ll(text, -(long long)max - 1, -1, &s))
            return false;
        v = (unsigned long long)s & max;
    }
    *ret = v;
    return true;
}

static int
typedparams_from_string(virTypedParameterPtr p, const char *name, int type, const char *text)
{
    static const char *const expected[] = {
        NULL, "int", "unsigned int", "long long", "unsigned long long", "double",
    };
    long long l;
    unsigned long long ul;
    char *end;
    bool ok = true;

    switch (type) {
    case VIR_TYPED_PARAM_INT:
        if ((ok = typedparams_parse_ll(text, INT_MIN, INT_MAX, &l)))
            p->value.i = (int)l;
        break;
    case VIR_TYPED_PARAM_UINT:
        if ((ok = typedparams_parse_ull(text, UINT_MAX, &ul)))
            p->value.ui = (unsigned int)ul;
        break;
    case VIR_TYPED_PARAM_LLONG:
        ok = typedparams_parse_ll(text, LLONG_MIN, LLONG_MAX, &p->value.l);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        ok = typedparams_parse_ull(text, ULLONG_MAX, &p->value.ul);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        errno = 0;
        p->value.d = strtod(text, &end);
        ok = !errno && end != text && !*end;
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        if (strcasecmp(text, "true") == 0 || strcmp(text, "1") == 0) {
            p->value.b = 1;
        } else if (strcasecmp(text, "false") == 0 || strcmp(text, "0") == 0) {
            p->value.b = 0;
        } else {
            vir_report_error(VIR_ERR_INVALID_ARG, "Invalid boolean value for field '%s'", name);
            return -1;
        }
        return 0;
    case VIR_TYPED_PARAM_STRING:
        p->value.s = xstrdup(text);
        return 0;
    default:
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "unexpected type %d for field %s", type, name);
        return -1;
    }
    if (!ok) {
        vir_report_error(VIR_ERR_INVALID_ARG, "Invalid value for field '%s': expected %s", name,
                         expected[type]);
        return -1;
    }
    return 0;
}

int
virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, int type, const char *value)
{
    virTypedParameterPtr p;

    virResetLastError();
    if (!value) {
        vir_report_error(VIR_ERR_INVALID_ARG, "NULL value for field '%s'", name);
        vir_error_dispatch(NULL, __func__);
        return -1;
    }
    if (!(p = typedparams_append(params, nparams, maxparams, name, type)))
        return -1;
    if (typedparams_from_string(p, name, type, value) < 0) {
        p->type = 0;
        vir_error_dispatch(NULL, __func__);
        return -1;
    }
    (*nparams)++;
    return 0;
}

void
virTypedParamsClear(virTypedParameterPtr params, int nparams)
{
    if (!params)
        return;
    for (int i = 0; i < nparams; i++)
        if (params[i].type == VIR_TYPED_PARAM_STRING) {
            free(params[i].value.s);
            params[i].value.s = NULL;
        }
}

void
virTypedParamsFree(virTypedParameterPtr params, int nparams)
{
    virTypedParamsClear(params, nparams);
    free(params);
}
