#!/bin/bash
# edit_overwrite.sh - being written (issue 4)
exit 77
