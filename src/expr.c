/* expr.c - being written */
#include "config.h"
