/*
 * moment.h: what the snapshot and checkpoint commands share. libvirt gives
 * both the same shape (a named point in a domain's history, with a parent,
 * children, an XML document and the same listing and deletion flags), so
 * listing, parents, deletion, creation documents and the edit flow are
 * written once here over a MomentKind: the calls, flags and words of one
 * of the two. A moment is passed as void * (a virDomainSnapshotPtr or a
 * virDomainCheckpointPtr, as its kind says); each command file keeps what
 * is really its own (snapshot --current, revert, memspec, checkpoint sizes).
 */
#ifndef VIREO_SHELL_MOMENT_H
#define VIREO_SHELL_MOMENT_H

#include <stdio.h>

#include "shell.h"

/* A boolean option and the flag it sets. */
typedef struct {
    const char *opt;
    unsigned int flag;
} MomentFlagOpt;

typedef struct {
    const char *noun;  /* "snapshot": in messages */
    const char *title; /* "Snapshot": first word of the edit messages */
    const char *root;  /* "domainsnapshot": the document element */
    const char *url;   /* "(domain_snapshot)": names the document in XPath errors */
    /* XPath expressions on the document; state is NULL when there is none */
    const char *xpath_parent, *xpath_created, *xpath_state;

    /* the library's calls, on moments of this kind */
    const char *(*get_name)(void *m);
    char *(*get_xml)(void *m, unsigned int flags);
    void *(*get_parent)(void *m, unsigned int flags); /* for moment_parent_name */
    int (*ref)(void *m);
    int (*free)(void *m);
    int (*remove)(void *m, unsigned int flags);
    void *(*create)(virDomainPtr dom, const char *xml, unsigned int flags);
    int (*list_all)(virDomainPtr dom, void ***ret_list, unsigned int flags);
    int (*list_children)(void *m, void ***ret_list, unsigned int flags);
    /* the parent's name in *ret_parent (NULL for a root); false after
     * reporting */
    bool (*parent_name)(Shell *sh, void *m, char **ret_parent);
    void *(*lookup)(virDomainPtr dom, const char *name, unsigned int flags); /* by name */
    /* the domain's current moment; NULL for a kind without --current */
    void *(*current)(virDomainPtr dom, unsigned int flags);
    const char *name_opt; /* "snapshotname": the option naming one */
    /* creates from @xml (read from the file @from, or NULL) and reports
     * the new moment with moment_created; false after reporting */
    bool (*make)(Shell *sh, virDomainPtr dom, const char *xml, unsigned int flags,
                 const char *from);
    /* *-create-as: writes what comes after <description> (may be NULL),
     * and one <disk> of a --diskspec; false after reporting */
    bool (*doc_extra)(Shell *sh, const ShellCmd *cmd, FILE *out);
    bool (*diskspec_write)(Shell *sh, FILE *out, const char *spec);

    int no_object_error; /* VIR_ERR_NO_DOMAIN_SNAPSHOT */
    /* *-list: the filters that --tree refuses (NULL-terminated), the other
     * listing flags, what --descendants needs, and the error printed when
     * the list cannot be had (NULL: only the library's) */
    const MomentFlagOpt *list_filters;
    const MomentFlagOpt *list_extra; /* filters --tree allows (may be NULL) */
    unsigned int list_roots, list_descendants, list_topological;
    const char *descendants_error;
    const char *list_error;
    /* *-delete's flags */
    unsigned int delete_children, delete_children_only, delete_metadata;
} MomentKind;

/* Defines prefix_name, _xml, _parent, _ref, _free, _remove, _define,
 * _list_all, _list_children and _by_name: the library's calls on virDomain<Type>Ptr
 * (named alike for both kinds) in the shape MomentKind wants. The arrays
 * of the list calls hold pointers either way. */
#define MOMENT_CALLS(prefix, Type) \
    static const char *prefix##_name(void *m) { return virDomain##Type##GetName(m); } \
    static char *prefix##_xml(void *m, unsigned int flags) \
    { return virDomain##Type##GetXMLDesc(m, flags); } \
    static void *prefix##_parent(void *m, unsigned int flags) \
    { return virDomain##Type##GetParent(m, flags); } \
    static int prefix##_ref(void *m) { return virDomain##Type##Ref(m); } \
    static int prefix##_free(void *m) { return virDomain##Type##Free(m); } \
    static int prefix##_remove(void *m, unsigned int flags) \
    { return virDomain##Type##Delete(m, flags); } \
    static void *prefix##_define(virDomainPtr dom, const char *xml, unsigned int flags) \
    { return virDomain##Type##CreateXML(dom, xml, flags); } \
    static int prefix##_list_all(virDomainPtr dom, void ***ret_list, unsigned int flags) \
    { return virDomainListAll##Type##s(dom, (virDomain##Type##Ptr **)ret_list, flags); } \
    static int prefix##_list_children(void *m, void ***ret_list, unsigned int flags) \
    { return virDomain##Type##ListAllChildren(m, (virDomain##Type##Ptr **)ret_list, flags); } \
    static void *prefix##_by_name(virDomainPtr dom, const char *name, unsigned int flags) \
    { return virDomain##Type##LookupByName(dom, name, flags); }

/* Resolves "--@arg name" (or, for a kind that has it, --current; with
 * @exclusive, giving both is an error) to a moment of @dom. The option is
 * needed, though virsh declares it optional. NULL after reporting. */
void *moment_lookup(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, const char *arg,
                    bool exclusive, virDomainPtr dom);

/* What a command does with the moment it names. */
typedef bool (*MomentAction)(Shell *sh, const MomentKind *kind, const ShellCmd *cmd,
                             virDomainPtr dom, void *m);
/* Looks up the domain and the moment the command names, and runs @action
 * on them; false after reporting. */
bool moment_run(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, MomentAction action);

/* Appends @value XML-escaped as libvirt's buffer escaping does (quotes and
 * markup become entities, most control characters are dropped), between
 * @before and @after; nothing at all when @value is NULL. */
void moment_xml_escape(FILE *out, const char *before, const char *value, const char *after);
/* Splits "a,b,,c" at single commas (",," stands for a literal comma) into
 * a NULL-terminated array of new strings in *ret_words. Returns how many. */
size_t moment_split_commas(const char *str, char ***ret_words);
void moment_words_free(char **words);
/* A non-empty result of @expr on @xml, or NULL (empty, or not parsed). */
char *moment_xml_value(Shell *sh, const MomentKind *kind, const char *xml, const char *expr);

/* The parent name through get_parent; a missing parent is a root. */
bool moment_parent_name(Shell *sh, const MomentKind *kind, void *m, char **ret_parent);

/* Reports the creation of @m ("... created from '@from'" when read from a
 * file) and frees it. */
void moment_created(Shell *sh, const MomentKind *kind, void *m, const char *from);
/* *-create: creates from --xmlfile, or from an empty document. */
bool moment_create(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, unsigned int flags);
/* *-create-as: creates from (or with --print-xml prints) the document of
 * --name, --description, the kind's extra and --diskspec. */
bool moment_create_as(Shell *sh, const MomentKind *kind, const ShellCmd *cmd,
                      unsigned int flags);

/* *-list: lists the domain's moments, or the children of --from's, as a table,
 * names or a tree. */
bool moment_list(Shell *sh, const MomentKind *kind, const ShellCmd *cmd);

/* The Name and Domain lines of *-info. */
void moment_info_head(Shell *sh, const MomentKind *kind, virDomainPtr dom, void *m);
/* *-parent (a MomentAction): prints @m's parent, or fails for a root. */
bool moment_parent_print(Shell *sh, const MomentKind *kind, const ShellCmd *cmd,
                         virDomainPtr dom, void *m);
/* *-delete (a MomentAction), with --children, --children-only and
 * --metadata. */
bool moment_delete(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, virDomainPtr dom,
                   void *m);

/* What an *-edit session works on. */
typedef struct MomentEdit MomentEdit;
struct MomentEdit {
    const MomentKind *kind;
    virDomainPtr dom;
    void *m;
    void *edited;       /* owned; set by a successful definition */
    unsigned int flags; /* of the redefinition */
    unsigned int xml_flags; /* of the document edited */
    /* adds flags the original document calls for (may be NULL) */
    unsigned int (*define_flags)(const char *orig, unsigned int flags);
    /* after a definition under another name: true when that is accepted
     * (it reports either way) */
    bool (*renamed)(Shell *sh, const ShellCmd *cmd, MomentEdit *ed, const char *name);
};
/* Runs the editor on @ed->m and reports the outcome; frees ed->edited. */
bool moment_edit(Shell *sh, const ShellCmd *cmd, MomentEdit *ed, bool define_unchanged);

#endif
