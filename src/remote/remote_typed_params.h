/*
 * remote_typed_params.h: typed parameters between their API form
 * (virTypedParameter arrays) and their wire form (remote_typed_param).
 *
 * One codec for both halves of the REMOTE program, so the daemon and the
 * client apply the same rules: the per-call bound is checked before
 * anything is allocated, names must fit the 80-byte API field, unknown type
 * codes are refused, and a sender drops unset entries (sparse CPU
 * statistics) and, unless the peer said VIR_TYPED_PARAM_STRING_OKAY,
 * string ones. Errors are libvirt's (VIR_ERR_RPC for wire problems).
 */
#ifndef VIREO_REMOTE_TYPED_PARAMS_H
#define VIREO_REMOTE_TYPED_PARAMS_H

#include <libvirt/libvirt.h>
#include "remote_params.h"

/* Encodes params into a new array (*ret_val, *ret_len), strings copied:
 * free it with remote_typed_params_wire_free. nparams above limit is an
 * error. flags: VIR_TYPED_PARAM_STRING_OKAY keeps string entries. */
int remote_typed_params_encode(const virTypedParameter *params, int nparams, int limit,
                               unsigned int flags, remote_typed_param **ret_val,
                               unsigned int *ret_len);

/* Decodes len wire entries. When *params is non-NULL it is the caller's
 * array with room for *nparams entries (more is an error); otherwise a new
 * array is allocated. limit (0: none) bounds len. On success *nparams is
 * len. On failure nothing is left allocated (a caller's array is cleared). */
int remote_typed_params_decode(const remote_typed_param *val, unsigned int len, int limit,
                               virTypedParameterPtr *params, int *nparams);

/* Frees an encoded array. */
void remote_typed_params_wire_free(remote_typed_param *val, unsigned int len);

#endif /* VIREO_REMOTE_TYPED_PARAMS_H */
