/* editor.h - being written (issue 3) */
