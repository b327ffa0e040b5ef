#ifndef CASEBOOK_CDEFLATE_SHIM_H
#define CASEBOOK_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
