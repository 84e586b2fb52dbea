/* dump.c - being written */
#include "config.h"
