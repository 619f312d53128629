/*
 * domain_console.c: virDomainOpenConsole, the two-way console stream.
 *
 * The driver attaches a backend to the caller's stream that relays the
 * domain's character device: in vireod a pty, in libvireo the RPC stream.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include "client/client.h"
#include "drivers/stream.h"
#include "util/error.h"

int
virDomainOpenConsole(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                     unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    if (!st || atomic_load(&st->refs) <= 0) {
        vir_error_report(VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM,
                         "invalid stream pointer in %s", __func__);
        vir_error_dispatch(dom->conn, __func__);
        return -1;
    }
    if (dom->conn->flags & VIR_CONNECT_RO) {
        vir_error_report(VIR_FROM_THIS, VIR_ERR_OPERATION_DENIED,
                         "read only access prevents %s", __func__);
        vir_error_dispatch(dom->conn, __func__);
        return -1;
    }
    CLIENT_FORWARD(dom->conn, domain_open_console, CLIENT_FAILED_NEG, -1, dom, dev_name, st,
                   flags);
}
