/* render.h - being written (issue 3) */
