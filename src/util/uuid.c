/*
 * uuid.c: 16-byte UUIDs and their 36-character text form.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "util/uuid.h"

static int
hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int
vireo_uuid_parse(const char *str, unsigned char ret_uuid[VIR_UUID_BUFLEN])
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    const char *cur = str;
    size_t i = 0;

    if (!str)
        return -EINVAL;
    while (isspace((unsigned char)*cur))
        cur++;
    while (i < VIR_UUID_BUFLEN) {
        int hi, lo;

        if (*cur == '-' || *cur == ' ') {
            cur++;
            continue;
        }
        if ((hi = hex_value(cur[0])) < 0 || (lo = hex_value(cur[1])) < 0)
            return -EINVAL;
        uuid[i++] = (unsigned char)(hi * 16 + lo);
        cur += 2;
    }
    while (*cur) {
        if (!isspace((unsigned char)*cur))
            return -EINVAL;
        cur++;
    }
    memcpy(ret_uuid, uuid, sizeof(uuid));
    return 0;
}

char *
vireo_uuid_format(const unsigned char uuid[VIR_UUID_BUFLEN], char buf[VIR_UUID_STRING_BUFLEN])
{
    snprintf(buf, VIR_UUID_STRING_BUFLEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7],
             uuid[8], uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
    return buf;
}

int
vireo_uuid_generate(unsigned char ret_uuid[VIR_UUID_BUFLEN])
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    size_t got = 0;

    while (got < sizeof(uuid)) {
        ssize_t n = getrandom(uuid + got, sizeof(uuid) - got, 0);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        got += (size_t)n;
    }
    uuid[6] = (uuid[6] & 0x0f) | 0x40; /* version 4 */
    uuid[8] = (uuid[8] & 0x3f) | 0x80; /* RFC 4122 variant */
    memcpy(ret_uuid, uuid, sizeof(uuid));
    return 0;
}
