// tests/run.sh picks a lane by NUnit category; every test here is in "Browser": Chromium against the service on
// Kestrel.
[assembly: Category("Browser")]
