/* regex.c - being written */
#include "config.h"
