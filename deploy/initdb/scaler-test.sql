-- The test suite's own database, beside the daemon's.
CREATE DATABASE scaler_test OWNER scaler;
