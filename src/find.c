/* find.c - being written */
#include "config.h"
