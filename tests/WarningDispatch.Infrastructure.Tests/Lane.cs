// tests/run.sh picks a lane by NUnit category; every test here is in "Infrastructure": private redis-server and rabbitmq-server, the service as separate processes.
[assembly: Category("Infrastructure")]
