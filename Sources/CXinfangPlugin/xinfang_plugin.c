#include "xinfang_plugin.h"
