"""Text and place expressions to geometry and incidents (grows with the issues)."""
