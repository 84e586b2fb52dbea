#!/bin/bash
# view_screen.sh - being written (issue 3)
exit 77
