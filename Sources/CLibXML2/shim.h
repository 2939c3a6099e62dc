#ifndef TINQ_CLIBXML2_SHIM_H
#define TINQ_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>

/* xmlFree is a global function pointer in libxml2; Swift 6 rejects touching it directly. */
static inline void tinq_xml_free(void *p) { xmlFree(p); }

#endif
