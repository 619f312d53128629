/*
 * remote_typed_params.c: the typed-parameter codec (see the header).
 */
#define VIR_FROM_THIS VIR_FROM_NONE

#include <stdlib.h>
#include <string.h>

#include "remote/remote_typed_params.h"
#include "util/alloc.h"
#include "util/error.h"

/* Copies one value of a known type between the two forms; false for an
 * unknown type code. */
static bool
remote_typed_params_to_wire(const virTypedParameter *p, remote_typed_param_value *w)
{
    w->type = p->type;
    switch (p->type) {
    case VIR_TYPED_PARAM_INT: w->remote_typed_param_value_u.i = p->value.i; return true;
    case VIR_TYPED_PARAM_UINT: w->remote_typed_param_value_u.ui = p->value.ui; return true;
    case VIR_TYPED_PARAM_LLONG: w->remote_typed_param_value_u.l = p->value.l; return true;
    case VIR_TYPED_PARAM_ULLONG: w->remote_typed_param_value_u.ul = p->value.ul; return true;
    case VIR_TYPED_PARAM_DOUBLE: w->remote_typed_param_value_u.d = p->value.d; return true;
    case VIR_TYPED_PARAM_BOOLEAN: w->remote_typed_param_value_u.b = p->value.b; return true;
    case VIR_TYPED_PARAM_STRING:
        w->remote_typed_param_value_u.s = xstrdup(p->value.s ? p->value.s : "");
        return true;
    default:
        return false;
    }
}

static bool
remote_typed_params_from_wire(const remote_typed_param_value *w, virTypedParameter *p)
{
    p->type = w->type;
    switch (w->type) {
    case VIR_TYPED_PARAM_INT: p->value.i = w->remote_typed_param_value_u.i; return true;
    case VIR_TYPED_PARAM_UINT: p->value.ui = w->remote_typed_param_value_u.ui; return true;
    case VIR_TYPED_PARAM_LLONG: p->value.l = w->remote_typed_param_value_u.l; return true;
    case VIR_TYPED_PARAM_ULLONG: p->value.ul = w->remote_typed_param_value_u.ul; return true;
    case VIR_TYPED_PARAM_DOUBLE: p->value.d = w->remote_typed_param_value_u.d; return true;
    case VIR_TYPED_PARAM_BOOLEAN: p->value.b = (char)w->remote_typed_param_value_u.b; return true;
    case VIR_TYPED_PARAM_STRING:
        p->value.s = xstrdup(w->remote_typed_param_value_u.s ? w->remote_typed_param_value_u.s
                                                              : "");
        return true;
    default:
        p->type = 0;
        return false;
    }
}

void
remote_typed_params_wire_free(remote_typed_param *val, unsigned int len)
{
    if (!val)
        return;
    for (unsigned int i = 0; i < len; i++) {
        free(val[i].field);
        if (val[i].value.type == VIR_TYPED_PARAM_STRING)
            free(val[i].value.remote_typed_param_value_u.s);
    }
    free(val);
}

int
remote_typed_params_encode(const virTypedParameter *params, int nparams, int limit,
                           unsigned int flags, remote_typed_param **ret_val,
                           unsigned int *ret_len)
{
    remote_typed_param *val;
    unsigned int n = 0;

    *ret_val = NULL;
    *ret_len = 0;
    if (nparams < 0 || nparams > limit) {
        vir_report_error(VIR_ERR_RPC, "too many parameters '%d' for limit '%d'", nparams, limit);
        return -1;
    }
    if (nparams == 0)
        return 0;
    val = xcalloc((size_t)nparams, sizeof(*val));
    for (int i = 0; i < nparams; i++) {
        const virTypedParameter *p = &params[i];

        /* unset slots and strings the peer cannot take are left out */
        if (p->type == 0 ||
            (p->type == VIR_TYPED_PARAM_STRING && !(flags & VIR_TYPED_PARAM_STRING_OKAY)))
            continue;
        if (!remote_typed_params_to_wire(p, &val[n].value)) {
            vir_report_error(VIR_ERR_RPC, "unknown parameter type: %d", p->type);
            remote_typed_params_wire_free(val, n);
            return -1;
        }
        val[n].field = xstrndup(p->field, VIR_TYPED_PARAM_FIELD_LENGTH - 1);
        n++;
    }
    if (n == 0) {
        free(val);
        return 0;
    }
    *ret_val = val;
    *ret_len = n;
    return 0;
}

int
remote_typed_params_decode(const remote_typed_param *val, unsigned int len, int limit,
                           virTypedParameterPtr *params, int *nparams)
{
    bool caller_array = *params != NULL;
    virTypedParameterPtr out;
    unsigned int i;

    if (limit && len > (unsigned int)limit) {
        vir_report_error(VIR_ERR_RPC, "too many parameters '%u' for limit '%d'", len, limit);
        return -1;
    }
    if (caller_array && len > (unsigned int)*nparams) {
        vir_report_error(VIR_ERR_RPC, "too many parameters '%u' for nparams '%d'", len,
                         *nparams);
        return -1;
    }
    out = caller_array ? *params : xcalloc(len ? len : 1, sizeof(*out));
    for (i = 0; i < len; i++) {
        const char *field = val[i].field ? val[i].field : "";

        if (strlen(field) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "parameter %s too big for destination",
                             field);
            goto error;
        }
        memset(&out[i], 0, sizeof(out[i]));
        strcpy(out[i].field, field);
        if (!remote_typed_params_from_wire(&val[i].value, &out[i])) {
            vir_report_error(VIR_ERR_RPC, "unknown parameter type: %d", val[i].value.type);
            goto error;
        }
    }
    *params = out;
    *nparams = (int)len;
    return 0;

 error:
    for (unsigned int j = 0; j < i; j++)
        if (out[j].type == VIR_TYPED_PARAM_STRING) {
            free(out[j].value.s);
            out[j].value.s = NULL;
        }
    if (!caller_array) {
        free(out);
        *params = NULL;
        *nparams = 0;
    }
    return -1;
}
