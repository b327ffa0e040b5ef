#ifndef CASEBOOK_CCMARK_SHIM_H
#define CASEBOOK_CCMARK_SHIM_H
#include <cmark.h>
#endif
