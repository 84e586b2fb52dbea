#!/bin/bash
# view_move.sh - being written (issue 3)
exit 77
