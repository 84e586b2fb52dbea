# tmux.sh - being written (issue 3)
