#!/bin/bash
# edit_select.sh - being written (issue 4)
exit 77
