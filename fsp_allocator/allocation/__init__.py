"""The weekly allocation: domain -> solver Instance per team -> Solution -> explained proposal."""
