#!/bin/bash
# view_modes.sh - being written (issue 3)
exit 77
