-- The sign-in throttle counts failures per account and address together.
create index sign_in_failures_pair_idx on sign_in_failures (email, address, at);
