"""The web app: a backend-for-frontend that renders each person's screens on the server.

It keeps no case data. Every page is made from the three services' APIs, called with the
signed-in person's own access token, so each service still decides who sees what and logs
every use of case data itself.
"""
