/*
 * lookup.c: turning a user's word into a domain, network or pool.
 *
 * Domains resolve like virsh: a decimal number >= 0 is tried as an id, then a
 * 36-character word as a UUID, then the word as a name. A failed domain
 * lookup reports only "failed to get domain 'x'" (the library's reason is
 * dropped); network and pool lookups keep the library's reason, as virsh
 * does.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

#define UUID_STRING_LEN (VIR_UUID_STRING_BUFLEN - 1)

/* True when @s is a decimal int >= 0 (libvirt's rules: leading blanks and a
 * sign allowed, nothing after the digits, must fit an int). */
static bool
shell_parse_id(const char *s, int *ret_id)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < INT_MIN || v > INT_MAX || v < 0)
        return false;
    *ret_id = (int)v;
    return true;
}

/* Looks up the domain named by the command's "domain" option, trying the
 * ways in @by (SHELL_BY_*) in virsh's order. Returns an owned handle, or
 * NULL after reporting. *ret_name (optional) gets the word as typed. */
virDomainPtr
shell_domain_lookup(Shell *sh, const ShellCmd *cmd, unsigned int by, const char **ret_name)
{
    virDomainPtr dom = NULL;
    const char *word;
    int id;

    if (shell_opt_string(sh, cmd, "domain", &word) < 0 || !word)
        return NULL;
    if (ret_name)
        *ret_name = word;
    if ((by & SHELL_BY_ID) && shell_parse_id(word, &id))
        dom = virDomainLookupByID(sh->conn, id);
    if (!dom && (by & SHELL_BY_UUID) && strlen(word) == UUID_STRING_LEN)
        dom = virDomainLookupByUUIDString(sh->conn, word);
    if (!dom && (by & SHELL_BY_NAME))
        dom = virDomainLookupByName(sh->conn, word);
    shell_error_reset(sh);
    if (!dom)
        shell_error(sh, "failed to get domain '%s'", word);
    return dom;
}

/* Looks up the command's "network" option by UUID, then by name. Returns an
 * owned handle, or NULL after reporting (the library's reason stays kept). */
virNetworkPtr
shell_network_lookup(Shell *sh, const ShellCmd *cmd, const char **ret_name)
{
    virNetworkPtr net = NULL;
    const char *word;

    if (shell_opt_string(sh, cmd, "network", &word) < 0 || !word)
        return NULL;
    if (ret_name)
        *ret_name = word;
    if (strlen(word) == UUID_STRING_LEN)
        net = virNetworkLookupByUUIDString(sh->conn, word);
    if (!net)
        net = virNetworkLookupByName(sh->conn, word);
    if (!net) {
        shell_error_save(sh);
        shell_error(sh, "failed to get network '%s'", word);
    }
    return net;
}

/* Looks up the command's "pool" option by UUID, then by name. Returns an
 * owned handle, or NULL after reporting (the library's reason stays kept). */
virStoragePoolPtr
shell_pool_lookup(Shell *sh, const ShellCmd *cmd, const char **ret_name)
{
    virStoragePoolPtr pool = NULL;
    const char *word;

    if (shell_opt_string(sh, cmd, "pool", &word) < 0 || !word)
        return NULL;
    if (ret_name)
        *ret_name = word;
    if (strlen(word) == UUID_STRING_LEN)
        pool = virStoragePoolLookupByUUIDString(sh->conn, word);
    if (!pool)
        pool = virStoragePoolLookupByName(sh->conn, word);
    if (!pool) {
        shell_error_save(sh);
        shell_error(sh, "failed to get pool '%s'", word);
    }
    return pool;
}
