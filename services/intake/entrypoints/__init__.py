"""How intake is reached: HTTP routes and event subscribers, each thin, each calling a use
case. No entrypoint imports another: what two of them share lives in the service layer."""
