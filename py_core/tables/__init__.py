"""Reference tables as data, apart from logic: each row cites its source."""
