/*
 * domain_conf.h: the domain definition (<domain> XML) object model.
 *
 * Parsing validates what libvirt's domain parser validates for the elements
 * modelled here, with the same error codes, domains and texts, and fills in
 * the same defaults (generated UUID and MAC, os arch, lifecycle actions,
 * disk buses and drive addresses, implicit disk controllers, video sizes,
 * graphics listens). Formatting is byte-identical to libvirt 9.0 for those
 * elements. Elements libvirt knows but this model does not interpret are
 * kept verbatim (see DOMAIN_RAW_TOP / the device tables); unknown ones are
 * dropped, as libvirt does.
 */
#ifndef VIREO_CONF_DOMAIN_CONF_H
#define VIREO_CONF_DOMAIN_CONF_H

#include <stdbool.h>
#include <libvirt/libvirt.h>

#include "conf/xml.h"

typedef enum {
    DOMAIN_ADDR_NONE = 0,
    DOMAIN_ADDR_PCI,
    DOMAIN_ADDR_DRIVE,
    DOMAIN_ADDR_RAW, /* any other type: kept verbatim */
} DomainAddrType;

typedef struct {
    DomainAddrType type;
    unsigned int domain, bus, slot, function; /* pci */
    bool multifunction;
    unsigned int controller, dbus, target, unit; /* drive */
    ConfXmlRaw *raw;
} DomainAddress;

typedef struct {
    char *type;    /* file, block, dir, network, volume */
    char *device;  /* disk, cdrom, floppy, lun */
    char *rawio, *sgio; /* lun options, or NULL */
    char *driver_name, *driver_type, *driver_cache, *driver_io;
    char *source;  /* path for file/block/dir */
    ConfXmlRaw *source_raw; /* network/volume sources */
    char *dst;     /* target dev */
    int dst_index; /* dst as a disk index ("vdb" -> 1), -1 if not a disk name */
    char *bus;
    bool readonly, shareable, transient;
    char *serial;
    int boot_order; /* 0: none */
    DomainAddress addr;
    ConfXmlRaw *iotune; /* <iotune>, verbatim (set by the test driver's blkdeviotune) */
} DomainDisk;

typedef struct {
    char *type;   /* ide, fdc, scsi, sata, usb, pci, virtio-serial, ... */
    int index;
    char *model;
    DomainAddress addr;
    ConfXmlRaw *raw; /* user-written controller, verbatim */
} DomainController;

typedef struct {
    char *type;     /* network, bridge, user, direct, ethernet */
    unsigned char mac[6];
    char *source;   /* network name / bridge name / dev */
    char *portgroup;
    char *source_mode; /* direct */
    char *ifname;   /* target dev */
    char *script;   /* <script path=...> */
    char *model;
    char *link_state; /* <link state=...>: "up", "down", or NULL (the default) */
    int boot_order;
    DomainAddress addr;
    ConfXmlRaw *bandwidth; /* <bandwidth>, verbatim (set by the test driver's domiftune) */
} DomainNet;

typedef struct {
    bool console;   /* <console> rather than <serial> */
    bool mirrors_serial; /* console standing for serial[0]: printed as a copy of it */
    char *type;     /* pty, file, dev, null, stdio, unix, tcp, ... */
    char *source_path;
    char *source_mode;
    char *source_host, *source_service; /* tcp, udp */
    char *protocol;                     /* tcp: raw, telnet, ... */
    char *target_type;
    int target_port; /* -1: none */
    bool target_port_set;
} DomainChr;

typedef struct {
    char *type;  /* vnc, spice, sdl, ... */
    int port, tls_port;  /* 0: none */
    bool autoport;
    char *listen;        /* listen address */
    char *listen_type;   /* address, network, socket, none */
    char *listen_network;
    char *socket;
    char *passwd;
    char *keymap;
    char *display, *xauth, *fullscreen; /* sdl */
} DomainGraphics;

typedef struct {
    char *model;   /* cirrus, vga, qxl, virtio, ... */
    unsigned int vram, ram, vgamem, heads;
    bool primary;
    DomainAddress addr;
} DomainVideo;

typedef struct {
    char *type;  /* mouse, tablet, keyboard */
    char *bus;   /* ps2, usb, virtio, xen */
} DomainInput;

/* One IOThread (<iothreadids><iothread id=.../>, domain_iothread.c). */
typedef struct {
    unsigned int id;
    int pool_min, pool_max; /* thread_pool_min/max, -1: unset */
    bool autofill;          /* numbered from the <iothreads> count, not written by the user */
} DomainIOThread;

/* Features printed as <name/> or <name state='..'/>, in libvirt's order. */
enum { DOMAIN_FEATURE_MAX = 16 };

typedef struct {
    char *name;
    char *state;     /* "on"/"off" for switch features, else NULL */
    ConfXmlRaw *raw; /* features with sub-elements or options, verbatim */
} DomainFeature;

typedef struct {
    char *virt_type;        /* "test", "kvm", ... */
    int id;                 /* -1 when inactive */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *title, *description;
    ConfXmlRaw *metadata;
    unsigned long long memory_kib;     /* <memory> */
    unsigned long long cur_memory_kib; /* <currentMemory> */
    unsigned int vcpus_max, vcpus_cur;
    char *vcpu_placement;   /* "static" / "auto" */
    char *vcpu_cpuset;
    DomainIOThread *iothreads;
    size_t niothreads;

    char *os_type, *os_arch, *os_machine;
    char *os_loader, *os_loader_type, *os_loader_readonly, *os_nvram;
    char *os_kernel, *os_initrd, *os_cmdline, *os_dtb, *os_root;
    char *boot_devs[4];
    size_t nboot_devs;
    char *bootmenu_enable;
    bool has_features;
    DomainFeature features[DOMAIN_FEATURE_MAX];
    size_t nfeatures;
    ConfXmlRaw *cpu;
    char *clock_offset;
    char *clock_timezone, *clock_adjustment, *clock_basis;
    ConfXmlRaw **clock_timers;
    size_t nclock_timers;
    char *on_poweroff, *on_reboot, *on_crash;

    /* verbatim elements libvirt formats between known ones */
    ConfXmlRaw **raw_top;
    size_t nraw_top;

    char *emulator;
    DomainDisk **disks;
    size_t ndisks;
    DomainController **controllers;
    size_t ncontrollers;
    DomainNet **nets;
    size_t nnets;
    DomainChr **serials;
    size_t nserials;
    DomainChr **consoles;
    size_t nconsoles;
    DomainInput **inputs;
    size_t ninputs;
    DomainGraphics **graphics;
    size_t ngraphics;
    DomainVideo **videos;
    size_t nvideos;
    char *memballoon_model; /* NULL: no <memballoon> */
    DomainAddress memballoon_addr;
    int memballoon_period;  /* <stats period='N'/>: guest stats every N s, 0: off */
    ConfXmlRaw **raw_devs;  /* other devices, verbatim */
    size_t nraw_devs;
} DomainDef;

/* Most device elements a <domain> may hold: far above any real guest, low
 * enough that the (quadratic, as in libvirt) device checks stay fast. */
#define DOMAIN_DEVICES_MAX 4096

/* Parse flags. */
enum {
    DOMAIN_PARSE_INACTIVE = 1 << 0, /* ignore the id attribute */
};

/* Format flags (VIR_DOMAIN_XML_* values where they exist). */
enum {
    DOMAIN_FORMAT_SECURE = VIR_DOMAIN_XML_SECURE,
    DOMAIN_FORMAT_INACTIVE = VIR_DOMAIN_XML_INACTIVE,
};

/* Parses a <domain> document. Reports (VIR_FROM_DOMAIN and friends, exactly
 * as libvirt) and returns NULL on failure. */
DomainDef *domain_def_parse_string(const char *xml, unsigned int flags);
/* Parses the <domain> element node (from a larger document). Reports. */
DomainDef *domain_def_parse_node(xmlNodePtr node, unsigned int flags);

/* Formats def as libvirt's virDomainGetXMLDesc would. Never fails. */
char *domain_def_format(const DomainDef *def, unsigned int flags);

/* A deep copy (through our own XML, so it is exactly what a reload would
 * give). Reports and returns NULL in the unexpected case that our output
 * does not parse back. */
DomainDef *domain_def_copy(const DomainDef *def);

void domain_def_free(DomainDef *def);
DEFINE_FREEP(DomainDef, domain_def_free)

/* Sets a <target dev='testnetN'/> on every interface without one, N the
 * lowest free number, as the test driver does. Reports and returns -1 when
 * 1024 names are taken. */
int domain_def_generate_ifnames(DomainDef *def);

/* True when name is a valid domain name ("/" is refused). Reports. */
int domain_def_check_name(const char *name);

/* Internal to domain_conf.c / domain_devices.c: the <devices> part. */
void domain_devices_free(DomainDef *def);
void domain_devices_format(VireoBuf *buf, const DomainDef *def, unsigned int flags);
/* Parses the children of devices (may be NULL) into def. Reports. */
int domain_devices_parse(DomainDef *def, xmlNodePtr devices, unsigned int flags);
/* The device defaults libvirt applies after its memory checks (console
 * pairing, implicit controllers and video). */
int domain_devices_post_parse_checked(DomainDef *def);
int domain_devices_check_controllers(const DomainDef *def);
/* libvirt's per-device validation, then its whole-domain disk checks.
 * Reports. */
int domain_devices_validate(const DomainDef *def);
int domain_devices_validate_video(const DomainDef *def);

/* Sets <cputune><vcpupin vcpu='vcpu' cpuset='cpuset'/> (domain_cputune.c),
 * replacing the vCPU's pin, in libvirt's place among the children. */
void domain_cputune_set_vcpupin(DomainDef *def, unsigned int vcpu, const char *cpuset);
/* Sets <cputune><emulatorpin cpuset='cpuset'/>, after the vCPU pins as
 * libvirt prints it; the cpuset of the current one, or NULL (audit). */
void domain_cputune_set_emulatorpin(DomainDef *def, const char *cpuset);
const char *domain_cputune_emulatorpin(const DomainDef *def);

/* IOThreads (domain_iothread.c). At most DOMAIN_IOTHREADS_MAX per domain
 * (libvirt's wire bound on an IOThread list). Parsing reports as libvirt. */
#define DOMAIN_IOTHREADS_MAX 16384
int domain_iothreads_parse(DomainDef *def, xmlNodePtr root);
/* Checks the <cputune><iothreadpin>s against the IOThreads; canonical cpusets. */
int domain_iothreads_parse_pins(DomainDef *def, xmlNodePtr root);
void domain_iothreads_format(VireoBuf *buf, const DomainDef *def);
DomainIOThread *domain_iothread_find(const DomainDef *def, unsigned int id);
void domain_iothread_add(DomainDef *def, unsigned int id);
/* Removes IOThread id and its pin. */
void domain_iothread_del(DomainDef *def, unsigned int id);
/* The cpuset IOThread id is pinned to, or NULL. */
const char *domain_iothread_pin(const DomainDef *def, unsigned int id);
void domain_iothread_set_pin(DomainDef *def, unsigned int id, const char *cpuset);
/* libvirt's cpuset syntax ("0-3,^2") in its canonical form ("0-1,3");
 * reports (invalid, or no CPU). domain_conf.c. */
char *domain_cpuset_canonical(const char *str);

/* A parsed <memtune> rewritten as libvirt prints it (domain_memtune.c): every
 * limit in KiB, in libvirt's order. Takes memtune and returns its
 * replacement (memtune itself when it cannot be read). */
ConfXmlRaw *domain_memtune_canon(ConfXmlRaw *memtune);

/* The <metadata> element in namespace uri (domain_metadata.c): *ret_xml is
 * NULL when there is none; as libvirt returns it, without the prefix. */
int domain_metadata_get_element(const DomainDef *def, const char *uri, char **ret_xml);
/* Replaces the element of namespace uri with metadata (parsed, put in uri
 * under prefix key), or removes it when metadata is NULL. */
int domain_metadata_set_element(DomainDef *def, const char *metadata, const char *key,
                                const char *uri);

#endif /* VIREO_CONF_DOMAIN_CONF_H */
