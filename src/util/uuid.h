/*
 * uuid.h: 16-byte UUIDs and their 36-character text form.
 *
 * The parser is as liberal as libvirt's (dashes and spaces between digit
 * pairs, surrounding whitespace) because applications pass UUID strings
 * written in either style and expect the same lookups to work.
 */
#ifndef VIREO_UTIL_UUID_H
#define VIREO_UTIL_UUID_H

#include <libvirt/libvirt.h>

/* Parses str into ret_uuid. Returns 0, or -EINVAL (ret_uuid untouched) when
 * str does not hold exactly 32 hex digits. Does not report. */
int vireo_uuid_parse(const char *str, unsigned char ret_uuid[VIR_UUID_BUFLEN]);

/* Writes the lower-case "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" form of uuid
 * into buf (VIR_UUID_STRING_BUFLEN bytes) and returns buf. */
char *vireo_uuid_format(const unsigned char uuid[VIR_UUID_BUFLEN],
                        char buf[VIR_UUID_STRING_BUFLEN]);

/* Fills ret_uuid with a random (version 4) UUID from the kernel's CSPRNG.
 * Returns 0 or a negative errno. */
int vireo_uuid_generate(unsigned char ret_uuid[VIR_UUID_BUFLEN]);

#endif /* VIREO_UTIL_UUID_H */
