"""/api/v1/announcements/ (published lists are public; staff see drafts; legal officers make and publish them) and
/api/v1/systematization/."""
