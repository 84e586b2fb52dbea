/* inspect.h - being written (issue 3) */
