#!/bin/bash
# view_search.sh - being written (issue 3)
exit 77
