/* mapping.c - being written */
#include "config.h"
