"""/api/v1/review-plans/, /api/v1/reviews/, /api/v1/recommendations/, /api/v1/reports/reviews/: staff only; writes
go through backend/reviews/services.py."""
