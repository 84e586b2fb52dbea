/* keymap.h - being written (issue 3) */
