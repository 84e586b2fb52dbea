/* layout.h - being written (issue 3) */
