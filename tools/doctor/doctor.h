/*
 * doctor.h: `vireo doctor URI`, which explains a failing connection.
 *
 * It walks the steps a remote open takes, one at a time and each on its
 * own: name resolution, the TCP connection, then for tls the local
 * certificate files, the handshake, the server's certificate chain and
 * name, the daemon's verdict on our certificate and address, and finally
 * the open itself (authentication and CONNECT_OPEN) through the library.
 * The first step that fails is printed with what to do about it.
 */
#ifndef VIREO_DOCTOR_H
#define VIREO_DOCTOR_H

int vireo_doctor_main(int argc, char **argv);

#endif /* VIREO_DOCTOR_H */
