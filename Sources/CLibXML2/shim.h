// libxml2's SAX2 push parser (pkg-config `libxml-2.0`, Debian `libxml2-dev`): the parser under
// FoundationXML's XMLParser, used directly for worksheet parts, where XMLParser's Strings and
// attribute dictionaries per element cost most of an import's time.
#ifndef XINFANG_CLIBXML2_SHIM_H
#define XINFANG_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, whose headers clash with Foundation's copy of ICU; Xinfang
// uses no encoding handler (worksheets are UTF-8), so the ICU part of the headers is left out.
// Only functions are called, never fields of libxml2's structs read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>

#endif
