/* pattern.c - being written */
#include "config.h"
