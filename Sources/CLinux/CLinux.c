// Header-only target: see include/CLinux.h.
#include "CLinux.h"
