/* textview.h - being written (issue 3) */
