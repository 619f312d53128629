/*
 * xml.c: the XPath filter of the *dumpxml commands and the domain title
 * shown by "list --title", using libxml2 on XML the library returned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "shell.h"

/* Parses @xml (from the library) and prepares an XPath context rooted at
 * its top element. Returns the document, or NULL after raising an error. */
static xmlDocPtr
shell_xml_parse(Shell *sh, const char *xml, const char *url, bool keep_blanks,
                xmlXPathContextPtr *ret_ctxt)
{
    xmlDocPtr doc;
    xmlXPathContextPtr ctxt;
    int old = 0;

    if (!keep_blanks)
        old = xmlKeepBlanksDefault(0);
    doc = xmlReadDoc((const xmlChar *)xml, url, NULL,
                     XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!keep_blanks)
        xmlKeepBlanksDefault(old);
    if (!doc || !xmlDocGetRootElement(doc)) {
        shell_error_set(sh, VIR_ERR_XML_ERROR, "%s", "failed to parse xml document");
        xmlFreeDoc(doc);
        return NULL;
    }
    if (!(ctxt = xmlXPathNewContext(doc)))
        abort();
    ctxt->node = xmlDocGetRootElement(doc);
    *ret_ctxt = ctxt;
    return doc;
}

static void
shell_xml_print_node(Shell *sh, xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr buf = xmlBufferCreate();

    if (!buf)
        abort();
    if (xmlNodeDump(buf, doc, node, 0, 1) > 0)
        shell_print(sh, "%s\n", (const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
}

/* Prints @xml as is, or, with @xpath, each node it selects (wrapped in one
 * <nodes> element when @wrap). Returns false after raising an error. */
bool
shell_dump_xml(Shell *sh, const char *xml, const char *url, const char *xpath, bool wrap)
{
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj;
    xmlDocPtr doc;
    int n = 0;

    if (!xpath) {
        shell_print(sh, "%s", xml);
        return true;
    }
    if (!(doc = shell_xml_parse(sh, xml, url, false, &ctxt)))
        return false;
    obj = xmlXPathEval((const xmlChar *)xpath, ctxt);
    if (obj && obj->type != XPATH_NODESET) {
        shell_error_set(sh, VIR_ERR_INTERNAL_ERROR, "Incorrect xpath '%s'", xpath);
        xmlXPathFreeObject(obj);
        xmlXPathFreeContext(ctxt);
        xmlFreeDoc(doc);
        return false;
    }
    if (obj && obj->nodesetval)
        n = obj->nodesetval->nodeNr;
    if (wrap) {
        xmlDocPtr out = xmlNewDoc((const xmlChar *)"1.0");
        xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"nodes");

        xmlDocSetRootElement(out, root);
        for (int i = 0; i < n; i++)
            xmlAddChild(root, xmlDocCopyNode(obj->nodesetval->nodeTab[i], out, 1));
        shell_xml_print_node(sh, doc, root);
        xmlFreeDoc(out);
    } else {
        for (int i = 0; i < n; i++)
            shell_xml_print_node(sh, doc, obj->nodesetval->nodeTab[i]);
    }
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return true;
}

/* The text of the first <title> of a domain's XML ("" when none), as a new
 * string; NULL after raising an error. */
char *
shell_xml_title(Shell *sh, const char *xml)
{
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj;
    xmlDocPtr doc;
    char *title;

    if (!(doc = shell_xml_parse(sh, xml, "domain.xml", true, &ctxt)))
        return NULL;
    obj = xmlXPathEval((const xmlChar *)"string(./title[1])", ctxt);
    title = strdup(obj && obj->type == XPATH_STRING && obj->stringval
                   ? (const char *)obj->stringval : "");
    if (!title)
        abort();
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return title;
}

/* The value of XPath expression @expr (evaluated from the root element of
 * @xml, which came from the library) converted to a string, as a new string:
 * "" when it selects nothing, "true"/"false" for boolean(). NULL after
 * raising an error when the document does not parse. */
char *
shell_xml_string(Shell *sh, const char *xml, const char *url, const char *expr)
{
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj;
    xmlChar *value = NULL;
    xmlDocPtr doc;
    char *ret;

    if (!(doc = shell_xml_parse(sh, xml, url, true, &ctxt)))
        return NULL;
    if ((obj = xmlXPathEval((const xmlChar *)expr, ctxt)))
        value = xmlXPathCastToString(obj);
    if (!(ret = strdup(value ? (const char *)value : "")))
        abort();
    xmlFree(value);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return ret;
}
