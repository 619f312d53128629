/*
 * auth.c: virConnectAuthPtrDefault, the terminal prompter.
 *
 * Drivers that need credentials (SASL over the remote driver) call this
 * callback; it asks on stdout/stdin, turning echo off for secrets, which is
 * what libvirt's default does for virsh and scripts.
 */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "client/client.h"
#include "util/alloc.h"

#define AUTH_LINE_MAX 1024

/* Reads one line from stdin without the newline. Returns a new string ("" at
 * end of input) or NULL on a read error. */
static char *
auth_read_line(bool echo)
{
    char line[AUTH_LINE_MAX];
    struct termios saved, quiet;
    bool restore = false;
    char *ok;
    size_t len;

    if (!echo && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0) {
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ok = fgets(line, sizeof(line), stdin);
    if (restore) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        fputc('\n', stdout);
    }
    if (!ok) {
        secure_zero(line, sizeof(line));
        return feof(stdin) ? xstrdup("") : NULL;
    }
    len = strcspn(line, "\n");
    ok = xstrndup(line, len);
    secure_zero(line, sizeof(line));
    return ok;
}

static int
auth_prompt_one(virConnectCredentialPtr cred)
{
    bool echo = cred->type != VIR_CRED_PASSPHRASE && cred->type != VIR_CRED_NOECHOPROMPT;
    char *answer;

    if (cred->type == VIR_CRED_EXTERNAL)
        /* Nothing to ask: only polkit, authorised outside this process. */
        return cred->challenge && strcmp(cred->challenge, "PolicyKit") == 0 ? 0 : -1;
    if (cred->type < VIR_CRED_USERNAME || cred->type > VIR_CRED_REALM ||
        cred->type == VIR_CRED_LANGUAGE || cred->type == VIR_CRED_CNONCE)
        return -1;
    if (printf("%s: ", cred->prompt ? cred->prompt : "") < 0 || fflush(stdout) != 0)
        return -1;
    if (!(answer = auth_read_line(echo)))
        return -1;
    if (!*answer) {
        free(answer);
        answer = xstrdup(cred->defresult ? cred->defresult : "");
    }
    cred->result = answer;
    cred->resultlen = (unsigned int)strlen(answer);
    return 0;
}

static int
auth_default_callback(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    for (unsigned int i = 0; i < ncred; i++)
        if (auth_prompt_one(&cred[i]) < 0)
            return -1;
    return 0;
}

/* VIR_CRED_USERNAME is left out on purpose, as in libvirt: it would let a
 * user authenticate as one identity and act as another. */
static int auth_default_types[] = {
    VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT, VIR_CRED_EXTERNAL,
};

static virConnectAuth auth_default = {
    auth_default_types,
    sizeof(auth_default_types) / sizeof(auth_default_types[0]),
    auth_default_callback,
    NULL,
};

virConnectAuthPtr virConnectAuthPtrDefault = &auth_default;
