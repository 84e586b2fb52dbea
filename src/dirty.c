/* dirty.c - being written */
#include "config.h"
