#ifndef CASEBOOK_CZLIB_SHIM_H
#define CASEBOOK_CZLIB_SHIM_H
#include <zlib.h>
#endif
