"""Stories: relevant articles about one event (a staffing move) grouped across outlets and
languages. keys: event keys of parsed moves; signals: what the headline and lead say; match:
the learned pairwise score; assign: online assignment and merges in the store."""

from __future__ import annotations

from newsmon.stories.assign import Assignment, assign, join_duplicate, merge
from newsmon.stories.keys import article_keys, move_keys, person_key

__all__ = ["Assignment", "article_keys", "assign", "join_duplicate", "merge", "move_keys",
           "person_key"]
